// The dashboard's ECharts, imported piece by piece (only the charts and components used here, on
// the canvas renderer) so that the staff bundle does not carry all of ECharts, and the option of
// each chart built from the same API answer its table shows. Rates are drawn as percentages of
// the API's rate; nothing is computed.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { use, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChannelsAnswer, DomainsAnswer, LedgerSummary, LevelsAnswer, RankingAnswer, Rate, SatisfactionAnswer, TrendAnswer, UnitsAnswer, Words } from './figures';

use([CanvasRenderer, BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent]);

export type ChartOption = EChartsCoreOption;

const COLOUR = { open: '#3a7bd5', closed: '#2e9d5b', overdue: '#c8161d', received: '#8a94a6', movedUp: '#d68f1c', returned: '#7a5fc0', rehandled: '#b0487a' };

/** Text sizes on the canvas follow the page's large-text mode (CSS does not reach inside a canvas). */
export interface Look {
  large: boolean;
}
const size = (look: Look) => (look.large ? 16 : 12);

const base = (look: Look) => ({
  textStyle: { fontSize: size(look) },
  tooltip: { trigger: 'axis', textStyle: { fontSize: size(look) } },
  legend: { top: 0, textStyle: { fontSize: size(look) } },
  grid: { left: 8, right: 16, top: look.large ? 44 : 36, bottom: 8, containLabel: true },
  animation: false,
});

const axisLabel = (look: Look) => ({ fontSize: size(look) });
/** A rate of 0..1 as a percentage number for the chart, one decimal (the table shows the same). */
const pct = (rate: Rate): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

function countsBars(t: Words, look: Look, labels: string[], rows: { open: number; closed: number; overdue: number; total: number }[], horizontal = false): ChartOption {
  const category = { type: 'category', data: labels, axisLabel: { ...axisLabel(look), interval: 0, ...(horizontal ? {} : { rotate: labels.length > 6 ? 30 : 0 }) } };
  const value = { type: 'value', minInterval: 1, axisLabel: axisLabel(look) };
  const serie = (key: 'total' | 'open' | 'closed' | 'overdue', colour: string) => ({
    name: t(`dashboard.col.${key}`),
    type: 'bar',
    data: rows.map((r) => r[key]),
    itemStyle: { color: colour },
    barMaxWidth: 28,
  });
  // a long list of categories (units, the 15 domains, channels) gets two bars each, or they grow too thin to read; the table has all four columns
  const series = horizontal
    ? [serie('total', COLOUR.received), serie('overdue', COLOUR.overdue)]
    : [serie('total', COLOUR.received), serie('open', COLOUR.open), serie('closed', COLOUR.closed), serie('overdue', COLOUR.overdue)];
  return {
    ...base(look),
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series,
  };
}

/** A chart with nothing to draw says so in its middle (its table says it too). */
function saying(t: Words, look: Look, option: ChartOption, empty: boolean): ChartOption {
  if (!empty) return option;
  return { ...option, title: { text: t('dashboard.empty'), left: 'center', top: 'middle', textStyle: { color: '#909399', fontSize: size(look) + 2, fontWeight: 'normal' } } };
}

export function levelsChart(t: Words, look: Look, a: LevelsAnswer): ChartOption {
  return countsBars(t, look, a.items.map((i) => i.label), a.items);
}

export function domainsChart(t: Words, look: Look, a: DomainsAnswer): ChartOption {
  return countsBars(t, look, a.items.map((i) => i.label), a.items, true);
}

export function channelsChart(t: Words, look: Look, a: ChannelsAnswer): ChartOption {
  return countsBars(t, look, a.items.map((i) => i.label), a.items, true);
}

export function ledgerChart(t: Words, look: Look, a: LedgerSummary): ChartOption {
  const keys = ['open', 'overdue', 'closed', 'movedUp', 'returned', 'rehandled'] as const;
  const names: Record<(typeof keys)[number], string> = {
    open: t('dashboard.col.open'),
    overdue: t('dashboard.col.overdue'),
    closed: t('dashboard.col.ledgerClosed'),
    movedUp: t('dashboard.col.movedUp'),
    returned: t('dashboard.col.returned'),
    rehandled: t('dashboard.col.rehandled'),
  };
  return {
    ...base(look),
    xAxis: { type: 'category', data: a.levels.map((l) => l.level.label), axisLabel: axisLabel(look) },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisLabel(look) },
    series: keys.map((k) => ({ name: names[k], type: 'bar', barMaxWidth: 28, data: a.levels.map((l) => l[k]), itemStyle: { color: COLOUR[k] } })),
  };
}

export function trendChart(t: Words, look: Look, a: TrendAnswer): ChartOption {
  return saying(t, look, {
    ...base(look),
    xAxis: { type: 'category', data: a.items.map((m) => m.month), axisLabel: axisLabel(look) },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: axisLabel(look) },
      { type: 'value', min: 0, max: 100, axisLabel: { ...axisLabel(look), formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { name: t('dashboard.col.received'), type: 'bar', barMaxWidth: 48, data: a.items.map((m) => m.received), itemStyle: { color: COLOUR.received } },
      { name: t('dashboard.col.closedByNow'), type: 'bar', barMaxWidth: 48, data: a.items.map((m) => m.closed), itemStyle: { color: COLOUR.closed } },
      {
        name: t('dashboard.col.closureRate'),
        type: 'line',
        yAxisIndex: 1,
        data: a.items.map((m) => pct(m.closureRate)),
        itemStyle: { color: COLOUR.overdue },
        label: { show: true, formatter: '{c}%', fontSize: size(look) },
      },
    ],
  }, a.items.length === 0);
}

export function unitsChart(t: Words, look: Look, a: UnitsAnswer): ChartOption {
  return saying(t, look, countsBars(t, look, a.items.map((u) => u.unit.name), a.items, true), a.items.length === 0);
}

export function overdueChart(t: Words, look: Look, a: UnitsAnswer): ChartOption {
  return saying(t, look, {
    ...base(look),
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisLabel(look) },
    yAxis: { type: 'category', inverse: true, data: a.items.map((u) => u.unit.name), axisLabel: { ...axisLabel(look), interval: 0 } },
    series: [
      { name: t('dashboard.col.overdue'), type: 'bar', barMaxWidth: 28, data: a.items.map((u) => u.overdue), itemStyle: { color: COLOUR.overdue }, label: { show: true, position: 'right', fontSize: size(look) } },
      { name: t('dashboard.col.open'), type: 'bar', barMaxWidth: 28, data: a.items.map((u) => u.open), itemStyle: { color: COLOUR.open } },
    ],
  }, a.items.length === 0);
}

export function satisfactionChart(_t: Words, look: Look, a: SatisfactionAnswer): ChartOption {
  const colours: Record<string, string> = { satisfied: COLOUR.closed, basically_satisfied: '#8cc56b', unsatisfied: COLOUR.overdue, no_response: COLOUR.received };
  return {
    textStyle: { fontSize: size(look) },
    tooltip: { trigger: 'item', textStyle: { fontSize: size(look) } },
    legend: { top: 0, textStyle: { fontSize: size(look) } },
    animation: false,
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['50%', '58%'],
        // an answer nobody gave keeps its legend entry but no label, so that the labels of the others do not pile up
        data: a.items.map((i) => ({ name: i.label, value: i.count, itemStyle: colours[i.code] === undefined ? undefined : { color: colours[i.code] }, label: { show: i.count > 0 } })),
        label: { formatter: '{b}: {c}', fontSize: size(look) },
      },
    ],
  };
}

export function rankingChart(t: Words, look: Look, a: RankingAnswer): ChartOption {
  const colours = { red: COLOUR.overdue, black: '#1f2329', none: COLOUR.received };
  return {
    ...base(look),
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...axisLabel(look), formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: a.items.map((r) => r.unit.name), axisLabel: { ...axisLabel(look), interval: 0 } },
    series: [
      {
        name: t('dashboard.col.closureRate'),
        type: 'bar',
        data: a.items.map((r) => ({ value: pct(r.closureRate), itemStyle: { color: colours[r.colour] } })),
        label: { show: true, position: 'right', formatter: '{c}%', fontSize: size(look) },
      },
    ],
  };
}

/** A chart's height in pixels: fixed (a canvas needs one), taller for long category lists. */
export function heightOf(categories: number, look: Look): number {
  const row = look.large ? 40 : 32;
  return Math.max(look.large ? 340 : 280, Math.min(900, 60 + categories * row));
}
