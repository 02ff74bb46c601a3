// The dashboard (/dashboard) in a real browser against `npm start` with the demo requests: a
// supervisor logs in through the login page; every chart draws on its canvas; every table shows
// exactly what the API answers for the same figure (read over HTTP as the same person); the CSV
// of a table is that table with a BOM; the period and unit filters reach the API; a handler gets
// the API's refusal, not a broken page; English and large text.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percent } from '../../web/src/shared/format.js';
import { browserAvailable, contextOf, DESK, launch, logIn, screenshot } from './browser.js';
import { RunningSystem, type StaffCall } from './system.js';

type Json = Record<string, any>;
type Row = string[];

describe.skipIf(!browserAvailable)('the dashboard', () => {
  let system: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    system = await RunningSystem.start({ demoRequests: true });
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, 60_000);

  /** each user's session for the API, logged in once */
  const callers = new Map<string, Promise<StaffCall>>();
  /** What the API answers `path` for `username` (logged in over HTTP), and its status. */
  async function apiAs(username: string, path: string): Promise<{ status: number; body: Json }> {
    let caller = callers.get(username);
    if (caller === undefined) {
      caller = system.staffApi(username);
      callers.set(username, caller);
    }
    return (await caller)('GET', path);
  }
  const figure = async (username: string, path: string): Promise<Json> => {
    const answer = await apiAs(username, path);
    expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body;
  };

  async function openDashboard(username: string, path = '/dashboard'): Promise<{ page: Page; errors: string[] }> {
    const { context, errors } = await contextOf(browser, DESK);
    const page = await context.newPage();
    await logIn(page, system.baseUrl, username, path);
    await page.waitForURL((url) => url.pathname === '/dashboard');
    return { page, errors };
  }

  /** The body rows of a card's table, cell texts trimmed. */
  const rowsOf = (page: Page, id: string): Promise<Row[]> =>
    page
      .locator(`[data-test=table-${id}] .el-table__body-wrapper tbody tr`)
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td .cell')].map((td) => (td.textContent ?? '').trim())));

  const counts = (c: Json): string[] => [c.total, c.open, c.closed, c.overdue].map(String);
  const codedRows = (a: Json, unassessed?: string): Row[] => [...a.items.map((i: Json) => [i.label, ...counts(i)]), ...(unassessed === undefined ? [] : [[unassessed, ...counts(a.unassessed)]])];

  /** What each table must show, from the API's answers (built here from the JSON, not with the page's code). */
  async function expectedTables(username: string, query: string, ledgerQuery: string): Promise<Record<string, Row[]>> {
    const q = query === '' ? '' : `?${query}`;
    const [levels, trend, overdue, units, satisfaction, domains, channels, ledger] = await Promise.all([
      figure(username, `/api/figures/levels${q}`),
      figure(username, `/api/figures/closure-trend${q}`),
      figure(username, `/api/figures/overdue${q}`),
      figure(username, `/api/figures/units${q}`),
      figure(username, `/api/figures/satisfaction${q}`),
      figure(username, `/api/figures/domains${q}`),
      figure(username, `/api/figures/channels${q}`),
      figure(username, `/api/ledgers/summary?${ledgerQuery}`),
    ]);
    const ledgerCells = (l: Json) => [l.open, l.overdue, l.closed, l.movedUp, l.returned, l.rehandled].map(String);
    return {
      levels: codedRows(levels, '未定'),
      trend: trend.items.map((m: Json) => [m.month, String(m.received), String(m.closed), percent(m.closureRate)]),
      overdue: overdue.items.map((u: Json) => [u.unit.name, String(u.overdue), String(u.open), String(u.total), percent(u.overdueRate)]),
      units: units.items.map((u: Json) => [u.unit.name, ...counts(u), percent(u.closureRate), percent(u.overdueRate)]),
      satisfaction: [
        ...satisfaction.items.map((i: Json) => [i.label, String(i.count)]),
        ['已回应', String(satisfaction.answered)],
        ['满意及基本满意', String(satisfaction.satisfied)],
        ['满意率', percent(satisfaction.satisfactionRate)],
      ],
      domains: codedRows(domains, '未定'),
      channels: codedRows(channels),
      ledger: [...ledger.levels.map((l: Json) => [l.level.label, ...ledgerCells(l)]), ['合计', ...ledgerCells(ledger.total)]],
    };
  }

  const CHARTS = ['levels', 'trend', 'ledger', 'overdue', 'satisfaction', 'channels', 'domains', 'units'];

  it('draws every chart and shows in each table what the API answers, as a supervisor', { timeout: 120_000 }, async () => {
    const { page, errors } = await openDashboard('supervisor');
    const expected = await expectedTables('supervisor', '', 'unit=all');
    // the demo requests are there: the figures are not all zero
    expect(expected.levels.some((row) => row.slice(1).some((cell) => cell !== '0'))).toBe(true);
    expect(expected.trend.length).toBeGreaterThan(0);
    for (const [id, rows] of Object.entries(expected)) {
      await expect.poll(() => rowsOf(page, id), { message: `table ${id}`, timeout: 30_000 }).toEqual(rows);
    }
    for (const id of CHARTS) {
      const canvas = page.locator(`[data-test=chart-${id}] canvas`).first();
      await canvas.waitFor();
      const box = await canvas.boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.width, id).toBeGreaterThan(100);
      expect(box!.height, id).toBeGreaterThan(100);
      // something was drawn: the canvas is not blank
      const drawn = await canvas.evaluate((c) => {
        const canvas = c as HTMLCanvasElement;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
        return false;
      });
      expect(drawn, id).toBe(true);
    }
    await expect.poll(() => page.locator('[data-test=scope]').textContent()).toBe('范围：全区');

    // the red and black lists and the interviews: as the API answers (a fresh store has none published yet)
    const ranking = await figure('supervisor', '/api/rankings?group=village');
    const interviews = await figure('supervisor', '/api/interviews?unit=all&limit=200');
    expect(ranking.items).toEqual([]);
    expect(interviews.items).toEqual([]);
    await page.locator('[data-test=empty-ranking]').waitFor();
    await page.locator('[data-test=empty-interviews]').waitFor();

    await screenshot(page, 'dashboard-desk');
    expect(errors).toEqual([]);
  });

  it('asks the API for the period and the unit chosen', { timeout: 120_000 }, async () => {
    // a period with no requests: every table shows the API's zeros for it
    const { page, errors } = await openDashboard('supervisor', '/dashboard?from=2000-01-01&to=2000-12-31');
    const before = await expectedTables('supervisor', 'from=2000-01-01&to=2000-12-31', 'unit=all&from=2000-01-01T00:00:00%2B08:00&to=2001-01-01T00:00:00%2B08:00');
    expect(before.levels.every((row) => row.slice(1).every((cell) => cell === '0'))).toBe(true);
    for (const [id, rows] of Object.entries(before)) await expect.poll(() => rowsOf(page, id), { message: `table ${id}` }).toEqual(rows);
    const inputs = page.locator('[data-test=period] input');
    await expect.poll(() => inputs.evaluateAll((all) => all.map((i) => (i as HTMLInputElement).value))).toEqual(['2000-01-01', '2000-12-31']);

    // the whole time again (clearing the period), then one township and its villages
    await page.locator('[data-test=period]').hover();
    await page.locator('.el-range__close-icon').click();
    await page.waitForURL((url) => url.search === '');
    await page.locator('[data-test=unit-filter]').click();
    await page.locator('.dashboard-unit-popper').getByRole('option', { name: '鼎山镇', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('unit') === 'dingshan');
    const township = await expectedTables('supervisor', 'unitId=dingshan', 'unit=dingshan');
    for (const [id, rows] of Object.entries(township)) await expect.poll(() => rowsOf(page, id), { message: `table ${id} of 鼎山镇` }).toEqual(rows);
    await expect.poll(() => page.locator('[data-test=scope]').textContent()).toBe('范围：鼎山镇');
    expect(errors).toEqual([]);
  });

  it('downloads a table as CSV with a BOM and the same rows', { timeout: 120_000 }, async () => {
    const { page, errors } = await openDashboard('supervisor');
    const expected = await expectedTables('supervisor', '', 'unit=all');
    for (const id of ['levels', 'trend', 'domains']) {
      await expect.poll(() => rowsOf(page, id)).toEqual(expected[id]);
      const header = await page.locator(`[data-test=table-${id}] .el-table__header-wrapper th .cell`).allTextContents();
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-test=csv-${id}]`).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^dashboard-.*-all-all\\.csv$`));
      const text = await readFile((await download.path())!, 'utf8');
      expect(text.charCodeAt(0), 'byte-order mark').toBe(0xfeff);
      const lines = text.slice(1).split('\r\n');
      expect(lines.pop()).toBe('');
      expect(lines).toEqual([header.map((h) => h.trim()), ...expected[id]!].map((row) => row.join(',')));
    }
    expect(errors).toEqual([]);
  });

  it("shows a handler the API's refusal of the figures, and the rest of the page", { timeout: 120_000 }, async () => {
    const refusal = await apiAs('huangliang-handler', '/api/figures/levels');
    expect(refusal.status).toBe(403);
    const { page, errors } = await openDashboard('huangliang-handler');
    const shown = page.locator('[data-test=refused]');
    await shown.waitFor();
    expect(await shown.textContent()).toContain(String(refusal.body.detail ?? refusal.body.title));
    expect(await page.locator('[data-test=card-levels]').count()).toBe(0);
    // what any member of staff may read still shows: the handler's own ledger
    const ledger = await figure('huangliang-handler', '/api/ledgers/summary?unit=all');
    const cells = (l: Json) => [l.open, l.overdue, l.closed, l.movedUp, l.returned, l.rehandled].map(String);
    await expect.poll(() => rowsOf(page, 'ledger')).toEqual([...ledger.levels.map((l: Json) => [l.level.label, ...cells(l)]), ['合计', ...cells(ledger.total)]]);
    await screenshot(page, 'dashboard-handler-refused');
    expect(errors).toEqual([]);
  });

  it('speaks English when asked, and grows its text', { timeout: 120_000 }, async () => {
    const { page, errors } = await openDashboard('supervisor');
    await page.locator('[data-test=card-levels] h3', { hasText: '各层级诉求数' }).waitFor();
    await page.locator('[data-test=language]').click();
    await page.locator('[data-test=card-levels] h3', { hasText: 'Requests per level' }).waitFor();
    await page.locator('[data-test=card-trend] h3', { hasText: 'Closure rate by month' }).waitFor();
    await page.locator('[data-test=card-ranking] h3', { hasText: 'Red and black lists' }).waitFor();
    expect(await page.locator('[data-test=csv-levels]').textContent()).toContain('Download CSV');
    const header = await page.locator('[data-test=table-levels] .el-table__header-wrapper th .cell').allTextContents();
    expect(header.map((h) => h.trim())).toEqual(['Level', 'Total', 'Open', 'Closed', 'Overdue']);
    // the labels stay the API's
    await expect.poll(() => rowsOf(page, 'levels').then((rows) => rows[0]?.[0])).toBe('村(社区)');
    await expect.poll(() => page.locator('[data-test=scope]').textContent()).toBe('Scope: the whole district');
    await screenshot(page, 'dashboard-desk-en');

    await page.locator('[data-test=language]').click();
    await page.locator('[data-test=card-levels] h3', { hasText: '各层级诉求数' }).waitFor();
    const normal = await page.locator('[data-test=card-levels] h3').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
    await page.locator('[data-test=large-text]').click();
    await expect.poll(() => page.locator('[data-test=card-levels] h3').evaluate((h) => parseFloat(getComputedStyle(h).fontSize))).toBeGreaterThan(normal);
    await screenshot(page, 'dashboard-desk-large');
    expect(errors).toEqual([]);
  });
});
