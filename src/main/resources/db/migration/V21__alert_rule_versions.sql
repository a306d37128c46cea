-- Alert rules set by an admin through the API: every set is kept (who set which rules when); the latest is in force.
-- Without a row the configuration's rules apply.
CREATE TABLE alert_rule_versions (
  version bigserial PRIMARY KEY,
  rules   jsonb NOT NULL,
  set_by  text NOT NULL,
  set_at  timestamptz NOT NULL
);
