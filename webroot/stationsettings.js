// A station's settings on its view: what it is judged against and how often it reports, with every change (who,
// when). Admins get a form; the server checks every field and says which one it refuses. Names are typed by people:
// they reach the page through el()/textContent only.

import { el } from './dom.js';
import * as api from './api.js';
import { t, addTexts, classLabel, formatTimeIn } from './i18n.js';

addTexts({
  zh: {
    settingsHeading: '站点设置', settingsName: '名称', settingsNameEn: '英文名称', settingsClass: '目标类别',
    settingsWaterBody: '水体', settingsRiver: '河流', settingsLake: '湖库', settingsInterval: '上报间隔（秒）',
    settingsSave: '保存设置', settingsUnchanged: '没有改动。',
    settingsFailed: '未保存：{error}', settingsHistory: '修改记录', settingsNoHistory: '按配置文件，未修改过。',
    settingsVersion: '{at} {by}',
  },
  en: {
    settingsHeading: 'Station settings', settingsName: 'Name', settingsNameEn: 'English name',
    settingsClass: 'Target class', settingsWaterBody: 'Water body', settingsRiver: 'river', settingsLake: 'lake',
    settingsInterval: 'Reporting interval (s)', settingsSave: 'Save settings', settingsUnchanged: 'Nothing changed.',
    settingsFailed: 'Not saved: {error}', settingsHistory: 'Changes', settingsNoHistory: 'As configured, never changed.',
    settingsVersion: '{at} {by}',
  },
});

const CLASSES = [1, 2, 3, 4, 5];

/** One line per setting, in the order of the form. */
function describe(s) {
  const parts = [s.name, s.nameEn];
  if (s.targetClass) {
    parts.push(`${t('settingsClass')} ${classLabel(s.targetClass)}`,
      s.waterBody === 'lake' ? t('settingsLake') : t('settingsRiver'));
  }
  parts.push(`${s.intervalSeconds} s`);
  return parts.join(' · ');
}

function field(label, input) {
  return el('label', { class: 'field-inline' }, `${label} `, input);
}

function form(s, onSubmit) {
  const name = el('input', { name: 'name', type: 'text', maxlength: 100, required: true, value: s.name ?? '' });
  const nameEn = el('input', { name: 'nameEn', type: 'text', maxlength: 100, required: true, value: s.nameEn ?? '' });
  const interval = el('input', {
    name: 'intervalSeconds', type: 'number', min: 10, max: 86400, required: true, value: s.intervalSeconds ?? 60,
  });
  const cls = s.targetClass ? el('select', { name: 'targetClass' }, CLASSES.map((c) => el('option', {
    value: c, selected: c === s.targetClass,
  }, classLabel(c)))) : null;
  const water = s.targetClass ? el('select', { name: 'waterBody' },
    el('option', { value: 'river', selected: s.waterBody !== 'lake' }, t('settingsRiver')),
    el('option', { value: 'lake', selected: s.waterBody === 'lake' }, t('settingsLake'))) : null;
  const node = el('form', { class: 'view-form station-settings-form' },
    field(t('settingsName'), name), field(t('settingsNameEn'), nameEn),
    cls ? field(t('settingsClass'), cls) : null, water ? field(t('settingsWaterBody'), water) : null,
    field(t('settingsInterval'), interval),
    el('button', { type: 'submit', class: 'btn btn-primary settings-save' }, t('settingsSave')));
  node.addEventListener('submit', (event) => {
    event.preventDefault();
    const changes = { name: name.value, nameEn: nameEn.value, intervalSeconds: Number(interval.value) };
    if (cls) {
      changes.targetClass = Number(cls.value);
      changes.waterBody = water.value;
    }
    onSubmit(changes, node);
  });
  return node;
}

/**
 * The settings section of station {@code id} for {@code user}; {@code onSaved} runs after a change landed (the view
 * redraws with the new name and limits).
 */
export function settingsSection(id, user, zone, onSaved) {
  const section = el('section', { class: 'station-settings' },
    el('h3', { class: 'view-subhead' }, t('settingsHeading')));
  api.stationSettings(id).then((data) => {
    const s = data.settings ?? {};
    const note = el('p', { class: 'settings-note', role: 'status' });
    section.append(el('p', { class: 'settings-current' }, describe(s)));
    if (user?.role === 'admin') {
      section.append(form(s, async (changes, node) => {
        node.querySelector('.settings-save').disabled = true;
        try {
          const result = await api.changeStationSettings(id, changes);
          // A change redraws the view: its title, limits and the list of changes show what landed.
          if (result?.changed === false) note.textContent = t('settingsUnchanged');
          else onSaved();
        } catch (err) {
          const error = err instanceof api.HttpError && typeof err.body?.error === 'string'
            ? err.body.error : err.message;
          note.textContent = t('settingsFailed', { error });
        } finally {
          node.querySelector('.settings-save').disabled = false;
        }
      }), note);
    }
    const versions = Array.isArray(data.versions) ? data.versions : [];
    section.append(el('h4', { class: 'settings-history-head' }, t('settingsHistory')),
      versions.length === 0 ? el('p', { class: 'view-status' }, t('settingsNoHistory'))
        : el('ul', { class: 'settings-history' }, versions.map((v) => el('li', { dataset: { version: v.version } },
          el('span', { class: 'settings-when' }, t('settingsVersion', {
            at: formatTimeIn(Date.parse(v.setAt), zone), by: v.setBy ?? '',
          })), ' ', describe(v.settings ?? {})))));
  }).catch((err) => {
    section.append(el('p', { class: 'view-status' }, t('settingsFailed', { error: err.message })));
  });
  return section;
}
