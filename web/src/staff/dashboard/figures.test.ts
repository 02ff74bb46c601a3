import { describe, expect, it } from 'vitest';
import { dashboardMessages } from './messages';
import * as f from './figures';

// the page's words as vue-i18n would give them (a missing key comes back as the key)
const words = (locale: 'zh-CN' | 'en'): f.Words => (key) => {
  let at: unknown = dashboardMessages[locale];
  for (const part of key.split('.')) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[part] : undefined;
  return typeof at === 'string' ? at : key;
};
const zh = words('zh-CN');
const scope = { unit: null };
const period = { from: null, to: null };

describe('the filter', () => {
  it('reads dates and a unit from the address, dropping what is not a date', () => {
    expect(f.filterOf({ from: '2025-01-01', to: '2025-03-31', unit: 'dingshan' })).toEqual({ from: '2025-01-01', to: '2025-03-31', unitId: 'dingshan' });
    expect(f.filterOf({ from: 'yesterday', to: ['2025-02-01'], unit: undefined })).toEqual({ from: '', to: '2025-02-01', unitId: '' });
  });

  it('asks the figures for the dates as given, leaving out what is not set', () => {
    expect(f.figureQuery({ from: '2025-01-01', to: '', unitId: '' })).toEqual({ from: '2025-01-01', to: undefined, unitId: undefined });
  });

  it('asks the ledgers for the instants that bound the same Beijing dates, every ledger unless a unit is chosen', () => {
    expect(f.ledgerQuery({ from: '2025-02-01', to: '2025-02-28', unitId: '' })).toEqual({ unit: 'all', from: '2025-02-01T00:00:00+08:00', to: '2025-03-01T00:00:00+08:00' });
    expect(f.ledgerQuery({ from: '', to: '2024-12-31', unitId: 'dingshan' })).toEqual({ unit: 'dingshan', from: undefined, to: '2025-01-01T00:00:00+08:00' });
  });

  it('counts the day after across months, years and a leap day', () => {
    expect(f.nextDay('2024-02-28')).toBe('2024-02-29');
    expect(f.nextDay('2024-02-29')).toBe('2024-03-01');
    expect(f.nextDay('2025-12-31')).toBe('2026-01-01');
  });
});

describe('tables', () => {
  it('lays out the levels with the labels the API gave and the unassessed ones last', () => {
    const table = f.levelsTable(zh, {
      scope,
      period,
      items: [
        { code: 'village', label: '村(社区)', total: 3, open: 1, closed: 2, overdue: 1 },
        { code: 'district', label: '区', total: 0, open: 0, closed: 0, overdue: 0 },
      ],
      unassessed: { total: 2, open: 2, closed: 0, overdue: 0 },
    });
    expect(table.header).toEqual(['层级', '合计', '在办', '办结', '超期']);
    expect(table.rows).toEqual([
      ['村(社区)', 3, 1, 2, 1],
      ['区', 0, 0, 0, 0],
      ['未定', 2, 2, 0, 0],
    ]);
    expect(table.numeric).toEqual([false, true, true, true, true]);
  });

  it('writes rates as percentages and a missing rate as a dash', () => {
    const table = f.trendTable(zh, { scope, period, items: [{ month: '2025-03', received: 5, closed: 1, closureRate: 0.2 }, { month: '2025-04', received: 0, closed: 0, closureRate: null }] });
    expect(table.rows).toEqual([
      ['2025-03', 5, 1, '20.0%'],
      ['2025-04', 0, 0, '—'],
    ]);
  });

  it('ends the ledger with the total and the satisfaction with its rate', () => {
    const zero = { open: 0, overdue: 0, closed: 0, movedUp: 0, returned: 0, rehandled: 0 };
    const ledger = f.ledgerTable(zh, { units: [], levels: [{ level: { code: 'village', label: '村(社区)' }, ...zero, open: 3, returned: 1 }], total: { ...zero, open: 3, returned: 1 } });
    expect(ledger.rows).toEqual([
      ['村(社区)', 3, 0, 0, 0, 1, 0],
      ['合计', 3, 0, 0, 0, 1, 0],
    ]);
    const satisfaction = f.satisfactionTable(zh, {
      scope,
      period,
      items: [
        { code: 'satisfied', label: '满意', count: 2 },
        { code: 'unsatisfied', label: '不满意', count: 1 },
      ],
      answered: 3,
      satisfied: 2,
      satisfactionRate: 2 / 3,
    });
    expect(satisfaction.rows).toEqual([
      ['满意', 2],
      ['不满意', 1],
      ['已回应', 3],
      ['满意及基本满意', 2],
      ['满意率', '66.7%'],
    ]);
  });

  it('names ranking colours and reasons in the page language, keeping an unknown code as it is', () => {
    const line: f.RankingLine = {
      unit: { id: 'dingshan-huangliang', name: '黄梁村', kind: 'village' },
      rank: 1,
      colour: 'red',
      assigned: 10,
      closed: 9,
      closureRate: 0.9,
      satisfactionRate: 1,
      overdueRate: 0,
      rehandlingRate: null,
      nonReports: 0,
      lateReports: 2,
      reasons: ['closure_rate_top', 'something_new'],
    };
    expect(f.rankingTable(zh, { period: '2025', takenAt: null, items: [line] }).rows).toEqual([[1, '黄梁村', '红榜', 10, 9, '90.0%', '100.0%', '0.0%', '—', 0, 2, '办结率居前、something_new']]);
    expect(f.rankingTable(words('en'), { period: '2025', takenAt: null, items: [line] }).rows[0]![2]).toBe('Red list');
  });

  it('shows an interview with its deadline and check in Beijing time', () => {
    const table = f.interviewsTable(zh, {
      total: 1,
      items: [
        {
          id: 1,
          unit: { id: 'dingshan-huangliang', name: '黄梁村' },
          period: '2025',
          reasons: ['black_list', 'low_satisfaction_rate'],
          state: 'rectified',
          interviewer: 'discipline-commission-staff-2',
          heldAt: '2025-03-31T10:00:00+08:00',
          findings: '三件诉求超期',
          rectificationDeadline: '2025-04-10T23:59:59+08:00',
          checkedBy: 'supervisor',
          checkedAt: '2025-04-11T02:00:00Z',
          rectified: true,
          checkNote: '已办结',
        },
      ],
    });
    expect(table.rows).toEqual([['黄梁村', '2025', '列入黑榜、满意率偏低', '已整改', '2025-03-31 10:00', '三件诉求超期', '2025-04-10 23:59', '2025-04-11 10:00', '已整改: 已办结']]);
  });
});

describe('the unit filter', () => {
  const places: f.Places = {
    places: [
      { id: 'dingshan', name: '鼎山镇', kind: 'township', villages: [{ id: 'dingshan-huangliang', name: '黄梁村', kind: 'village' }, { id: 'dingshan-xinqiao', name: '新桥村', kind: 'village' }] },
      { id: 'huacheng', name: '化成镇', kind: 'township', villages: [] },
    ],
  };
  const unit = (id: string, name: string, kind: string): f.UnitFigure => ({ unit: { id, name, kind }, total: 1, open: 1, closed: 0, overdue: 0, closureRate: 0, overdueRate: 0 });

  it('offers the whole district every township with its villages, and the departments that own requests', () => {
    const groups = f.unitGroups({ scope: { unit: null }, period, items: [unit('water-bureau', '区水利局', 'department'), unit('dingshan-huangliang', '黄梁村', 'village')] }, places);
    expect(groups).toEqual([
      { key: 'dingshan', name: '鼎山镇', units: [{ id: 'dingshan', name: '鼎山镇' }, { id: 'dingshan-huangliang', name: '黄梁村' }, { id: 'dingshan-xinqiao', name: '新桥村' }] },
      { key: 'huacheng', name: '化成镇', units: [{ id: 'huacheng', name: '化成镇' }] },
      { key: 'other', name: null, units: [{ id: 'water-bureau', name: '区水利局' }] },
    ]);
  });

  it('offers a township only itself and the units of its figures', () => {
    const groups = f.unitGroups({ scope: { unit: { id: 'dingshan', name: '鼎山镇', kind: 'township' } }, period, items: [unit('dingshan-xinqiao', '新桥村', 'village')] }, places);
    expect(groups).toEqual([{ key: 'dingshan', name: '鼎山镇', units: [{ id: 'dingshan', name: '鼎山镇' }, { id: 'dingshan-xinqiao', name: '新桥村' }] }]);
  });
});
