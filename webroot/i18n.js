// zh/en dictionary and the formatters that depend on the language.

const STORAGE_KEY = 'qingliu.lang';
const TIME_ZONE = 'Asia/Shanghai';

const DICT = {
  zh: {
    appTitle: '清流 · 水质预警值班台',
    appSubtitle: 'Qingliu · Water-quality duty desk',
    alertTitlePrefix: '【告警】',
    langToggle: '切换语言',
    loginHeading: '值班员登录',
    loginUsername: '用户名',
    loginPassword: '密码',
    loginSubmit: '登录',
    loginBad: '用户名或密码错误。',
    loginFailed: '登录失败（HTTP {status}）。',
    loginUnreachable: '无法连接服务器，请稍后重试。',
    sessionExpired: '会话已失效，请重新登录。',
    logout: '退出登录',
    soundOn: '声音：开',
    soundOff: '声音：关',
    soundTitle: '新的紧急告警时是否鸣响提示音',
    connLive: '实时',
    connReconnecting: '重连中…',
    connTitle: '实时推送连接状态',
    clockLabel: '北京时间',
    openCountsLabel: '未恢复告警',
    alertsHeading: '告警',
    alertsSummary: '共 {total} 条 · 未确认 {unacked} 条',
    alertsEmpty: '当前没有未处理的告警。',
    colSeverity: '级别',
    colStation: '站点',
    colParam: '指标',
    colValue: '监测值 / 限值',
    colClass: '类别 / 目标',
    colKind: '类型',
    colState: '状态',
    colAge: '发生时间',
    colMessage: '说明',
    colAck: '确认',
    targetPrefix: '目标',
    classTitle: '当前 {current} 类，目标 {target} 类',
    ackButton: '确认',
    ackButtonShort: '确认',
    ackBy: '确认人',
    ackNotYet: '尚未确认',
    mutedSilence: '已静默',
    trailButton: '记录',
    trailTitle: '处置记录',
    trailComment: '备注',
    trailAssignMe: '指派给我',
    trailAdd: '添加备注',
    trailClose: '关闭',
    trailAssignee: '负责人：{name}',
    trailFailed: '操作失败。',
    'trail.opened': '告警产生',
    'trail.acknowledged': '确认',
    'trail.resolved': '恢复',
    'trail.assigned': '指派',
    'trail.commented': '备注',
    'trail.muted': '静默',
    'trail.unmuted': '解除静默',
    'trail.escalated': '升级提醒',
    groupCount: '{total} 条告警 · 未确认 {unacked}',
    filterRiver: '河流',
    filterKind: '站点类型',
    filterSeverity: '级别',
    filterState: '状态',
    filterAllRivers: '全部河流',
    filterAllKinds: '全部站型',
    filterAllSeverities: '全部级别',
    filterAllStates: '全部状态',
    schematicHeading: '河网示意图',
    schematicLegend: '颜色为当前水质类别；红圈为未处理告警；灰色为离线',
    mutedOffline: '站点离线，已抑制',
    escalated: '{station} 的紧急告警仍未确认（第 {count} 次提醒）',
    escalationDismiss: '知道了',
    silencesHeading: '静默 / 维护窗口',
    silencesEmpty: '当前没有静默。',
    silenceAllStations: '全部站点',
    silenceMeta: '{by} 设置 · {from} 至 {until}',
    silenceCancel: '结束静默',
    silenceStation: '站点',
    silenceMinutes: '时长（分钟）',
    silenceReason: '原因',
    silenceCreate: '设置静默',
    silenceFailed: '设置静默失败。',
    ackDialogTitle: '确认告警',
    ackComment: '处置说明（可选）',
    ackCommentPlaceholder: '例如：已通知现场人员核查采样',
    ackConfirm: '确认告警',
    ackCancel: '取消',
    ackConflict: '该告警已被其他值班员确认。',
    ackForbidden: '当前账号无权确认告警。',
    ackFailed: '确认失败（HTTP {status}）。',
    ackNetwork: '网络错误，确认未送达。',
    stationsHeading: '站点',
    stationFilter: '筛选站点（名称、编号、河流）',
    stationCounts: '在线 {online} · 离线 {offline}',
    stationsEmpty: '没有匹配的站点。',
    online: '在线',
    offline: '离线',
    lastSeen: '最后上报 {age}',
    neverSeen: '从未上报',
    stationOpenAlerts: '{n} 条未恢复告警',
    noscript: '本页面需要启用 JavaScript。',
    justNow: '刚刚',
    agoSeconds: '{s} 秒前',
    agoMinutes: '{m} 分钟前',
    agoHours: '{h} 小时 {m} 分钟前',
    agoDays: '{d} 天前',
    worseThanV: '劣V',
  },
  en: {
    appTitle: 'Qingliu · Water-quality duty desk',
    appSubtitle: '清流 · 水质预警值班台',
    alertTitlePrefix: '【ALERT】',
    langToggle: 'Switch language',
    loginHeading: 'Duty officer sign-in',
    loginUsername: 'Username',
    loginPassword: 'Password',
    loginSubmit: 'Sign in',
    loginBad: 'Wrong username or password.',
    loginFailed: 'Sign-in failed (HTTP {status}).',
    loginUnreachable: 'Cannot reach the server. Please try again.',
    sessionExpired: 'Your session has ended. Please sign in again.',
    logout: 'Sign out',
    soundOn: 'Sound: on',
    soundOff: 'Sound: off',
    soundTitle: 'Beep on new critical alerts',
    connLive: 'Live',
    connReconnecting: 'Reconnecting…',
    connTitle: 'Live update connection',
    clockLabel: 'Beijing time',
    openCountsLabel: 'Unresolved alerts',
    alertsHeading: 'Alerts',
    alertsSummary: '{total} total · {unacked} unacknowledged',
    alertsEmpty: 'No alerts need attention.',
    colSeverity: 'Severity',
    colStation: 'Station',
    colParam: 'Parameter',
    colValue: 'Value / limit',
    colClass: 'Class / target',
    colKind: 'Kind',
    colState: 'State',
    colAge: 'Opened',
    colMessage: 'Message',
    colAck: 'Ack',
    targetPrefix: 'target',
    classTitle: 'Class {current}, target class {target}',
    ackButton: 'Acknowledge',
    ackButtonShort: 'Ack',
    ackBy: 'By',
    ackNotYet: 'not acknowledged',
    mutedSilence: 'silenced',
    trailButton: 'Log',
    trailTitle: 'Alert log',
    trailComment: 'Comment',
    trailAssignMe: 'Assign to me',
    trailAdd: 'Add comment',
    trailClose: 'Close',
    trailAssignee: 'Assigned to {name}',
    trailFailed: 'That did not work.',
    'trail.opened': 'opened',
    'trail.acknowledged': 'acknowledged',
    'trail.resolved': 'resolved',
    'trail.assigned': 'assigned',
    'trail.commented': 'comment',
    'trail.muted': 'muted',
    'trail.unmuted': 'unmuted',
    'trail.escalated': 'escalated',
    groupCount: '{total} alerts · {unacked} not acknowledged',
    filterRiver: 'River',
    filterKind: 'Station kind',
    filterSeverity: 'Severity',
    filterState: 'State',
    filterAllRivers: 'All rivers',
    filterAllKinds: 'All station kinds',
    filterAllSeverities: 'All severities',
    filterAllStates: 'All states',
    schematicHeading: 'River schematic',
    schematicLegend: 'colour: current water class; red ring: open alert; grey: offline',
    mutedOffline: 'station offline: inhibited',
    escalated: 'Critical alert at {station} still not acknowledged (reminder {count})',
    escalationDismiss: 'Got it',
    silencesHeading: 'Silences / maintenance',
    silencesEmpty: 'No silences.',
    silenceAllStations: 'All stations',
    silenceMeta: 'set by {by} · {from} to {until}',
    silenceCancel: 'End silence',
    silenceStation: 'Station',
    silenceMinutes: 'Duration (minutes)',
    silenceReason: 'Reason',
    silenceCreate: 'Set silence',
    silenceFailed: 'Could not set the silence.',
    ackDialogTitle: 'Acknowledge alert',
    ackComment: 'Comment (optional)',
    ackCommentPlaceholder: 'e.g. field team notified to re-sample',
    ackConfirm: 'Acknowledge',
    ackCancel: 'Cancel',
    ackConflict: 'Another officer has already acknowledged this alert.',
    ackForbidden: 'This account may not acknowledge alerts.',
    ackFailed: 'Acknowledgement failed (HTTP {status}).',
    ackNetwork: 'Network error: the acknowledgement was not sent.',
    stationsHeading: 'Stations',
    stationFilter: 'Filter stations (name, id, river)',
    stationCounts: '{online} online · {offline} offline',
    stationsEmpty: 'No station matches.',
    online: 'online',
    offline: 'offline',
    lastSeen: 'last seen {age}',
    neverSeen: 'never seen',
    stationOpenAlerts: '{n} unresolved alert(s)',
    noscript: 'This page needs JavaScript.',
    justNow: 'just now',
    agoSeconds: '{s} s ago',
    agoMinutes: '{m} min ago',
    agoHours: '{h} h {m} min ago',
    agoDays: '{d} d ago',
    worseThanV: 'worse than V',
  },
};

const SEVERITY = {
  zh: { critical: '紧急', major: '重要', minor: '一般', warning: '提示' },
  en: { critical: 'Critical', major: 'Major', minor: 'Minor', warning: 'Warning' },
};

const ALERT_KIND = {
  zh: { exceedance: '超标', rate: '变化率', offline: '离线', event: '水质异常', device: '仪器故障', sensor: '传感器异常',
    fluorescence: '荧光指纹异常' },
  en: { exceedance: 'Exceedance', rate: 'Rate of change', offline: 'Offline', event: 'Water-quality event',
    device: 'Instrument fault', sensor: 'Sensor fault', fluorescence: 'Fluorescence anomaly' },
};

const ALERT_STATE = {
  zh: { open: '未确认', acknowledged: '已确认', resolved: '已恢复' },
  en: { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' },
};

const STATION_KIND = {
  zh: { micro: '微站', national: '国考断面', fingerprint: '荧光溯源站', outfall: '企业排口' },
  en: { micro: 'Micro station', national: 'National section', fingerprint: 'Fingerprint station', outfall: 'Enterprise outfall' },
};

const ROLE = {
  zh: { viewer: '只读', officer: '值班员', admin: '管理员' },
  en: { viewer: 'Viewer', officer: 'Duty officer', admin: 'Administrator' },
};

// Parameter table of docs/api.md; HJ 212-2017 codes map onto the short names.
const PARAMS = {
  ph: { code: 'w01001', unit: '', zh: 'pH', en: 'pH' },
  do: { code: 'w01009', unit: 'mg/L', zh: '溶解氧', en: 'Dissolved oxygen' },
  temp: { code: 'w01010', unit: '°C', zh: '水温', en: 'Water temperature' },
  cond: { code: 'w01014', unit: 'µS/cm', zh: '电导率', en: 'Conductivity' },
  turb: { code: 'w01003', unit: 'NTU', zh: '浊度', en: 'Turbidity' },
  codmn: { code: 'w01019', unit: 'mg/L', zh: '高锰酸盐指数', en: 'Permanganate index' },
  cod: { code: 'w01018', unit: 'mg/L', zh: '化学需氧量', en: 'COD' },
  bod5: { code: 'w01017', unit: 'mg/L', zh: '五日生化需氧量', en: 'BOD5' },
  toc: { code: 'w01020', unit: 'mg/L', zh: '总有机碳', en: 'TOC' },
  nh3n: { code: 'w21003', unit: 'mg/L', zh: '氨氮', en: 'Ammonia nitrogen' },
  tp: { code: 'w21011', unit: 'mg/L', zh: '总磷', en: 'Total phosphorus' },
  tn: { code: 'w21001', unit: 'mg/L', zh: '总氮', en: 'Total nitrogen' },
  flow: { code: 'w00000', unit: 'L/s', zh: '流量', en: 'Flow' },
  chla: { code: 'w01016', unit: 'mg/L', zh: '叶绿素a', en: 'Chlorophyll a' },
  cu: { code: 'w20122', unit: 'mg/L', zh: '铜', en: 'Copper' },
  zn: { code: 'w20123', unit: 'mg/L', zh: '锌', en: 'Zinc' },
  hg: { code: 'w20111', unit: 'mg/L', zh: '汞', en: 'Mercury' },
  cd: { code: 'w20115', unit: 'mg/L', zh: '镉', en: 'Cadmium' },
  cr6: { code: 'w20117', unit: 'mg/L', zh: '六价铬', en: 'Chromium (VI)' },
  as: { code: 'w20119', unit: 'mg/L', zh: '砷', en: 'Arsenic' },
  pb: { code: 'w20120', unit: 'mg/L', zh: '铅', en: 'Lead' },
  se: { code: 'w20128', unit: 'mg/L', zh: '硒', en: 'Selenium' },
};
const PARAM_BY_CODE = Object.fromEntries(Object.entries(PARAMS).map(([k, p]) => [p.code, k]));

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V'];

let lang = readStoredLang();

function readStoredLang() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function getLang() {
  return lang;
}

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice just is not remembered.
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** Adds a module's own texts ({zh: {...}, en: {...}}), so views keep their words beside their code. */
export function addTexts(texts) {
  Object.assign(DICT.zh, texts.zh);
  Object.assign(DICT.en, texts.en);
}

/** t('alertsSummary', {total: 3}) — unknown keys fall back to the key itself. */
export function t(key, vars) {
  const text = DICT[lang][key] ?? DICT.zh[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

// Enum labels: unknown values from the server are shown as they are (as text).
const lookup = (table, value) => (value == null ? '—' : table[lang][value] ?? String(value));
export const severityLabel = (s) => lookup(SEVERITY, s);
export const alertKindLabel = (k) => lookup(ALERT_KIND, k);
export const alertStateLabel = (s) => lookup(ALERT_STATE, s);
export const stationKindLabel = (k) => lookup(STATION_KIND, k);
export const roleLabel = (r) => lookup(ROLE, r);

function paramKey(param) {
  if (param == null) return null;
  const key = String(param);
  const lower = key.toLowerCase();
  if (PARAMS[lower]) return lower;
  return PARAM_BY_CODE[lower] ?? null;
}

export function paramLabel(param) {
  if (param == null) return '—';
  const key = paramKey(param);
  return key ? PARAMS[key][lang] : String(param);
}

export function paramUnit(param) {
  const key = paramKey(param);
  return key ? PARAMS[key].unit : '';
}

/** Water class 1..6 as Roman numerals; 6 is 劣V / "worse than V". */
export function classLabel(n) {
  if (n === 6) return t('worseThanV');
  if (Number.isInteger(n) && n >= 1 && n <= 5) return ROMAN[n];
  return '—';
}

/** Measured numbers: trims float noise, keeps one decimal on round numbers ("1.0"). */
export function formatNumber(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  const clean = Number(n.toPrecision(6));
  if (Number.isInteger(clean) && Math.abs(clean) < 1000) return clean.toFixed(1);
  return String(clean);
}

const formatters = new Map();
function formatter(kind, zone = TIME_ZONE) {
  const key = `${lang}:${kind}:${zone}`;
  if (!formatters.has(key)) {
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    const base = { timeZone: zone, hour12: false };
    const date = { year: 'numeric', month: '2-digit', day: '2-digit' };
    const options = kind === 'clock'
      ? { ...base, hour: '2-digit', minute: '2-digit', second: '2-digit' }
      : kind === 'dated'
        ? { ...base, ...date, hour: '2-digit', minute: '2-digit' }
        : { ...base, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' };
    formatters.set(key, new Intl.DateTimeFormat(locale, options));
  }
  return formatters.get(key);
}

/** Parses ISO strings or epoch milliseconds; NaN when absent or malformed. */
export function toMillis(ts) {
  if (ts == null || ts === '') return NaN;
  if (typeof ts === 'number') return ts;
  return Date.parse(ts);
}

export function formatTime(ts) {
  const ms = toMillis(ts);
  return Number.isNaN(ms) ? '—' : formatter('datetime').format(ms);
}

/** Date and time in a station's zone (the network's IANA zone from the API), for history and handover. */
export function formatTimeIn(ts, zone) {
  const ms = toMillis(ts);
  return Number.isNaN(ms) ? '—' : formatter('dated', zone || TIME_ZONE).format(ms);
}

export function formatClock(ms) {
  return formatter('clock').format(ms);
}

export function formatAge(ts, now = Date.now()) {
  const ms = toMillis(ts);
  if (Number.isNaN(ms)) return '—';
  // A station clock slightly ahead of ours must not show "in the future".
  const seconds = Math.max(0, Math.floor((now - ms) / 1000));
  if (seconds < 5) return t('justNow');
  if (seconds < 60) return t('agoSeconds', { s: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('agoMinutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('agoHours', { h: hours, m: minutes % 60 });
  return t('agoDays', { d: Math.floor(hours / 24) });
}

/* ------------------------------------------------------------------ alert messages */

const UNIT_NONE = new Set(['', '–', '-', '—']);
const withUnit = (n, unit) => {
  const u = unit == null || UNIT_NONE.has(String(unit)) ? '' : ` ${unit}`;
  return `${formatNumber(n)}${u}`;
};
const finite = (n) => typeof n === 'number' && Number.isFinite(n);
// Numbers lifted out of the server's Chinese text (digits only, nothing else is reused).
const grabInt = (text, re) => {
  const m = re.exec(text);
  return m ? Number(m[1]) : null;
};

function exceedanceEn(a) {
  const param = paramLabel(a.parameter);
  const unit = a.unit ?? paramUnit(a.parameter);
  const cls = Number.isInteger(a.waterClass) && a.waterClass >= 1 && a.waterClass <= 6
    ? ` (class ${classLabel(a.waterClass)})` : '';
  if (!finite(a.value)) return `${param}: limit exceeded`;
  let text = `${param} = ${withUnit(a.value, unit)}${cls}`;
  if (finite(a.limit)) {
    const target = Number.isInteger(a.targetClass) && a.targetClass >= 1 && a.targetClass <= 5
      ? `class ${classLabel(a.targetClass)} limit` : 'permit limit';
    const side = a.value < a.limit ? 'below the' : 'above the';
    text += `, ${side} ${target} ${withUnit(a.limit, unit)}`;
    // 超标倍数 (C − Cs)/Cs, only for "more is worse" parameters (not pH, not DO).
    const key = String(a.parameter ?? '').toLowerCase();
    if (a.value > a.limit && a.limit > 0 && key !== 'ph' && key !== 'w01001') {
      text += ` (${Number(((a.value - a.limit) / a.limit).toPrecision(3))}× over)`;
    }
  }
  return text;
}

/**
 * The alert's text for the officer. The server writes `message` in Chinese; in English the sentence is rebuilt from
 * the structured fields (the Chinese text is only mined for the numbers it alone carries).
 */
export function alertMessage(a) {
  const zh = typeof a.message === 'string' ? a.message : '';
  if (lang === 'zh') return zh || '—';
  const recovered = zh.includes('恢复');
  const param = a.parameter != null ? paramLabel(a.parameter) : null;
  switch (a.kind) {
    case 'exceedance':
      return exceedanceEn(a);
    case 'rate': {
      if (recovered) return param ? `${param} steady again` : 'Steady again';
      const minutes = grabInt(zh, /(\d+)\s*分钟/);
      const within = minutes != null ? ` within ${minutes} min` : '';
      const moved = zh.includes('下降') ? 'fell' : 'rose';
      const unit = a.unit ?? paramUnit(a.parameter);
      const allowed = finite(a.limit) ? `, allowed change ${withUnit(a.limit, unit)}` : '';
      return `${param ?? 'Value'} ${moved} faster than allowed${within}: now ${withUnit(a.value, unit)}${allowed}`;
    }
    case 'offline': {
      if (recovered) return 'Station reporting again';
      const minutes = grabInt(zh, /(\d+)\s*分钟/);
      const every = grabInt(zh, /每\s*(\d+)\s*秒/);
      let text = minutes != null ? `No data for ${minutes} min` : 'Station not reporting';
      if (every != null) text += ` (expected every ${every} s)`;
      return text;
    }
    case 'device': {
      const who = param ? `${param}: ` : '';
      if (recovered) return `${who}instrument back to normal`;
      if (/标记\s*B/.test(zh)) return `${who}communication fault (data flag B); value not used for water quality`;
      return `${who}instrument reports a fault (data flag D); value not used for water quality`;
    }
    case 'sensor':
      if (recovered) return param ? `${param} sensor back to normal` : 'Sensor back to normal';
      return param ? `Sensor fault: ${param}` : 'Sensor fault';
    case 'fluorescence': {
      const d = a.detail && typeof a.detail === 'object' ? a.detail : {};
      const top = Array.isArray(d.candidates) ? d.candidates[0] : null;
      if (d.verdict === 'enterprise' && top) {
        const fixed = (x) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(1) : '—');
        return `Fluorescence anomaly, suspected source ${top.enterpriseId} (${fixed(top.distanceKm)} km upstream, `
          + `share ${fixed(100 * top.share)} %)`;
      }
      return 'Fluorescence anomaly, unknown source';
    }
    case 'event':
      if (recovered) return 'Water quality back to normal';
      return param ? `Water-quality event: ${param} off its normal level` : 'Water-quality event';
    default:
      return zh || '—';
  }
}
