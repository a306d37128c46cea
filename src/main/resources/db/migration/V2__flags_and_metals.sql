-- Data flags per value (HJ 212 Table 8), only where a value is not plainly normal: {"nh3n":"M","ph":"D"}.
-- Most readings carry none, so the column is NULL and costs one bit.
ALTER TABLE readings ADD COLUMN flags jsonb;

-- Metals that HJ 212 stations report (Table B.1), in mg/L like GB 3838.
ALTER TABLE readings ADD COLUMN v_hg float8, ADD COLUMN v_cd float8, ADD COLUMN v_cr6 float8,
  ADD COLUMN v_as float8, ADD COLUMN v_pb float8, ADD COLUMN v_se float8;
