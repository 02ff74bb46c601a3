// The public board (/board) in a real browser against the running system with the demo requests:
// what the page lists, finds, filters and counts is what GET /api/public/board(/units) answers over
// HTTP, and no citizen's name or phone number (as staff read them) is anywhere in its HTML.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { percent } from '../../web/src/shared/format.js';
import { browserAvailable, contextOf, DESK, launch, PHONE, screenshot } from './browser.js';
import { RunningSystem } from './system.js';

interface Coded {
  code: string;
  label: string;
}
interface BoardLine {
  id: string;
  status: Coded;
}
interface BoardPage {
  items: BoardLine[];
  more: boolean;
  total?: number;
}
interface UnitsAnswer {
  period: { from: string | null; to: string | null };
  computedAt: string;
  groups: { code: string; label: string; units: { unit: { id: string }; closureRate: number | null; satisfactionRate: number | null }[] }[];
}

const WALL = { viewport: { width: 1920, height: 1080 } };

describe.skipIf(!browserAvailable)('the public board (/board)', () => {
  let system: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    system = await RunningSystem.start();
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, 60_000);

  async function api<T>(path: string, init?: RequestInit): Promise<T> {
    const answer = await fetch(system.baseUrl + path, init);
    expect(answer.status, `${path}: ${await answer.clone().text()}`).toBe(200);
    return (await answer.json()) as T;
  }

  /** The lines as the page shows them: the number printed and the status label. */
  const shown = (page: Page) =>
    page.$$eval('[data-test=board-item]', (items) =>
      items.map((item) => ({
        id: item.querySelector('[data-test=number]')?.textContent?.trim() ?? '',
        status: item.querySelector('[data-test=status]')?.textContent?.trim() ?? '',
      })),
    );
  const expected = (page: BoardPage) => page.items.map((l) => ({ id: l.id, status: l.status.label }));

  /** The units rows as the page shows them: unit id, closure rate and satisfaction rate as printed. */
  const shownUnits = (page: Page, selector: string) =>
    page.$$eval(selector, (rows) =>
      rows.map((row) => ({
        id: (row as HTMLElement).dataset.id ?? '',
        closure: row.querySelector('[data-test=closure-rate]')?.textContent?.trim() ?? '',
        satisfaction: row.querySelector('[data-test=satisfaction-rate]')?.textContent?.trim() ?? '',
      })),
    );
  const expectedUnits = (units: UnitsAnswer['groups'][number]['units']) =>
    units.map((u) => ({ id: u.unit.id, closure: percent(u.closureRate), satisfaction: percent(u.satisfactionRate) }));

  async function submit(text: string): Promise<string> {
    const answer = await fetch(`${system.baseUrl}/api/public/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, townshipId: 'zengkou', villageId: 'zengkou-gulou' }),
    });
    expect([201, 202]).toContain(answer.status);
    return ((await answer.json()) as { id: string }).id;
  }

  test('on a phone it lists the demo requests with the ids and status labels the API answers', { timeout: 120_000 }, async () => {
    const board = await api<BoardPage>('/api/public/board?limit=100');
    expect(board.items.length).toBeGreaterThanOrEqual(4); // the five demo requests but the invalid one
    expect(board.total).toBe(board.items.length);
    const { context, errors } = await contextOf(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${system.baseUrl}/board`);
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(board));
    await expect.poll(() => page.locator('[data-test=summary]').textContent()).toContain(`共 ${board.total} 件`);
    // cards on a phone, no table
    expect(await page.locator('[data-test=board-table]').count()).toBe(0);
    await screenshot(page, 'board-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a search by a request number finds exactly that one', { timeout: 120_000 }, async () => {
    const board = await api<BoardPage>('/api/public/board?limit=100');
    const wanted = board.items[1]!;
    const found = await api<BoardPage>(`/api/public/board?q=${wanted.id}`);
    expect(found.items.map((l) => l.id)).toEqual([wanted.id]);
    const { context, errors } = await contextOf(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${system.baseUrl}/board`);
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(board));
    await page.locator('[data-test=search] input').fill(wanted.id);
    await page.locator('[data-test=search] input').press('Enter');
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual([{ id: wanted.id, status: wanted.status.label }]);
    // the search is in the address: the same link shows the same view
    expect(new URL(page.url()).searchParams.get('q')).toBe(wanted.id);
    await page.reload();
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(found));
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the status and place filters show what the API answers for them, and the address keeps them', { timeout: 120_000 }, async () => {
    const closed = await api<BoardPage>('/api/public/board?status=closed&limit=100');
    expect(closed.items.length).toBeGreaterThan(0); // the demo's archived street-light request
    const closedInDingshan = await api<BoardPage>('/api/public/board?status=closed&townshipId=dingshan&limit=100');
    const inHuacheng = await api<BoardPage>('/api/public/board?townshipId=huacheng&limit=100');
    const all = await api<BoardPage>('/api/public/board?limit=100');
    expect(inHuacheng.items.length).toBeGreaterThan(0);
    expect(inHuacheng.items.length).toBeLessThan(all.items.length);

    const { context, errors } = await contextOf(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${system.baseUrl}/board`);
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(all));
    // status: 已办结
    await page.locator('.board-dropdowns .van-dropdown-menu__item').nth(0).click();
    await page.locator('.van-dropdown-item__option:visible', { hasText: '已办结' }).click();
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(closed));
    expect(new URL(page.url()).searchParams.get('status')).toBe('closed');
    // place: the whole of 鼎山镇
    await page.locator('[data-test=filter-place]').click();
    await page.locator('.van-cascader__option', { hasText: '鼎山镇' }).click();
    await page.locator('.van-cascader__option:visible', { hasText: '全镇（街道）' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('townshipId'), { timeout: 10_000 }).toBe('dingshan');
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(closedInDingshan));
    await page.locator('.van-cascader').waitFor({ state: 'hidden' });
    await screenshot(page, 'board-phone-filtered');
    // a link with a filter shows that view at once
    await page.goto(`${system.baseUrl}/board?townshipId=huacheng`);
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(inHuacheng));
    await expect.poll(() => page.locator('[data-test=filter-place]').textContent()).toContain('化成镇');
    // clearing the filters shows everything again
    await page.locator('[data-test=clear-filters]').click();
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(all));
    expect(new URL(page.url()).search).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a refused query shows the API\'s own message, and the page keeps working', { timeout: 120_000 }, async () => {
    const refused = await fetch(`${system.baseUrl}/api/public/board?level=nowhere&limit=20&offset=0`, { headers: { 'accept-language': 'zh-CN' } });
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as { title: string; detail?: string };
    const message = problem.detail ?? problem.title;
    const all = await api<BoardPage>('/api/public/board?limit=100');
    const { context, errors } = await contextOf(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${system.baseUrl}/board?level=nowhere`);
    await expect.poll(() => page.locator('[data-test=board-error]').textContent(), { timeout: 20_000 }).toContain(message);
    await screenshot(page, 'board-phone-error');
    await page.locator('[data-test=clear-filters]').click();
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(all));
    expect(await page.locator('[data-test=board-error]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the units view shows the closure and satisfaction rates the API answers, per group and year', { timeout: 120_000 }, async () => {
    const units = await api<UnitsAnswer>('/api/public/board/units');
    expect(units.groups.map((g) => g.code).sort()).toEqual(['department', 'township', 'village']);
    // the demo's archived request counts for 黄梁村: a rate that is a number, not only dashes
    expect(units.groups.flatMap((g) => g.units).some((u) => u.closureRate !== null && u.satisfactionRate !== null)).toBe(true);
    const { context, errors } = await contextOf(browser, DESK);
    const page = await context.newPage();
    await page.goto(`${system.baseUrl}/board/units`);
    for (const group of units.groups) {
      await page.locator('.van-tab', { hasText: group.label }).click();
      await expect.poll(() => shownUnits(page, '[data-test=unit-row]'), { timeout: 20_000 }).toEqual(expectedUnits(group.units));
      if (group.code === 'village') await screenshot(page, 'board-units-desk');
    }
    // another year: its own figures (the demo's requests are all this year)
    const year = Number(units.computedAt.slice(0, 4)) - 1;
    const earlier = await api<UnitsAnswer>(`/api/public/board/units?year=${year}`);
    await page.locator('.units-year .van-dropdown-menu__item').click();
    await page.locator('.van-dropdown-item__option:visible', { hasText: String(year) }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('year'), { timeout: 10_000 }).toBe(String(year));
    await expect.poll(() => page.locator('[data-test=period]').textContent(), { timeout: 20_000 }).toContain(`${year}-01-01`);
    const village = earlier.groups.find((g) => g.code === 'village')!;
    await page.locator('.van-tab', { hasText: village.label }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('group')).toBe('village');
    await expect.poll(() => shownUnits(page, '[data-test=unit-row]'), { timeout: 20_000 }).toEqual(expectedUnits(village.units));
    expect(errors).toEqual([]);

    // on a phone: cards with the same rates
    const phone = await contextOf(browser, PHONE);
    const phonePage = await phone.context.newPage();
    await phonePage.goto(`${system.baseUrl}/board/units?group=village`);
    const thisYearVillages = units.groups.find((g) => g.code === 'village')!;
    await expect.poll(() => shownUnits(phonePage, '[data-test=unit-row]'), { timeout: 20_000 }).toEqual(expectedUnits(thisYearVillages.units));
    await screenshot(phonePage, 'board-units-phone');
    expect(phone.errors).toEqual([]);
    await phone.context.close();
    await context.close();
  });

  test('no page of the board shows a demo citizen\'s name or phone number', { timeout: 120_000 }, async () => {
    const login = await fetch(`${system.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: 'demo' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const list = await api<{ items: { id: string }[] }>('/api/requests?limit=100', { headers: { cookie } });
    expect(list.items.length).toBeGreaterThanOrEqual(5);
    const secrets = new Set<string>();
    for (const { id } of list.items) {
      const detail = await api<{ citizen: { name?: string; phone?: string } | null; proxy: { proxyName?: string; proxyPhone?: string | null } | null }>(
        `/api/requests/${id}`,
        { headers: { cookie } },
      );
      for (const value of [detail.citizen?.name, detail.citizen?.phone, detail.proxy?.proxyName, detail.proxy?.proxyPhone]) {
        if (typeof value === 'string' && value !== '') secrets.add(value);
      }
    }
    // the demo has named citizens with phones (村民甲, 居民丙 ...): the check below has something to find
    expect([...secrets].filter((s) => /^1\d{10}$/.test(s)).length).toBeGreaterThanOrEqual(2);
    expect([...secrets].filter((s) => !/^\d+$/.test(s)).length).toBeGreaterThanOrEqual(2);

    const all = await api<BoardPage>('/api/public/board?limit=100');
    const { context, errors } = await contextOf(browser, DESK);
    const page = await context.newPage();
    const html: string[] = [];
    await page.goto(`${system.baseUrl}/board`);
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(all));
    html.push(await page.content());
    await page.goto(`${system.baseUrl}/board?q=${all.items[0]!.id}`);
    await expect.poll(() => shown(page), { timeout: 20_000 }).toHaveLength(1);
    html.push(await page.content());
    await page.goto(`${system.baseUrl}/board/units`);
    for (const label of ['乡镇(街道)', '村(社区)', '区级部门']) {
      await page.locator('.van-tab', { hasText: label }).click();
      await page.locator('[data-test=unit-row]').first().waitFor();
      html.push(await page.content());
    }
    await page.goto(`${system.baseUrl}/board/wall`);
    await page.locator('[data-test=wall-unit]').first().waitFor();
    await expect.poll(() => page.locator('[data-test=board-item]').count()).toBe(all.items.length);
    html.push(await page.content());
    for (const text of html) {
      for (const secret of secrets) expect(text, `the board shows ${secret}`).not.toContain(secret);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  test('in English and in large text, with the API\'s own labels', { timeout: 120_000 }, async () => {
    const all = await api<BoardPage>('/api/public/board?limit=100');
    const { context, errors } = await contextOf(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${system.baseUrl}/board`);
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(all));
    await page.locator('[data-test=language]').click();
    await page.getByRole('heading', { name: 'Public board' }).waitFor();
    await expect.poll(() => page.locator('[data-test=summary]').textContent()).toContain(`${all.total} in all`);
    expect(await shown(page)).toEqual(expected(all));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'board-phone-en');
    await page.locator('[data-test=language]').click();
    await page.getByRole('heading', { name: '诉求公开榜' }).waitFor();
    const before = await page.locator('.board-card-text').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    await page.locator('[data-test=large-text]').click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('suqiu-large-text'))).toBe(true);
    const after = await page.locator('.board-card-text').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(after).toBeGreaterThan(before);
    await screenshot(page, 'board-phone-large');
    // the choice stays on the device
    await page.reload();
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(all));
    expect(await page.evaluate(() => document.documentElement.classList.contains('suqiu-large-text'))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('more than a page: "load more" reads the next page and shows the total the last page gives', { timeout: 120_000 }, async () => {
    const before = await api<BoardPage>('/api/public/board?limit=100');
    for (let i = before.items.length; i <= 22; i++) await submit(`古楼村第${i}处道路破损，雨天积水难行`);
    const first = await api<BoardPage>('/api/public/board?limit=20&offset=0');
    const all = await api<BoardPage>('/api/public/board?limit=100');
    expect(first.more).toBe(true);
    expect(first.total).toBeUndefined();
    expect(all.items.length).toBeGreaterThan(20);
    const { context, errors } = await contextOf(browser, DESK);
    const page = await context.newPage();
    await page.goto(`${system.baseUrl}/board`);
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(first));
    // a desk gets the table
    expect(await page.locator('[data-test=board-table]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-test=summary]').textContent()).toContain('已显示 20 件');
    await screenshot(page, 'board-desk');
    await page.locator('[data-test=load-more]').click();
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(all));
    await expect.poll(() => page.locator('[data-test=summary]').textContent()).toContain(`共 ${all.total} 件`);
    expect(await page.locator('[data-test=load-more]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the wall screen renders at 1920×1080 and refreshes by itself', { timeout: 120_000 }, async () => {
    const { context, errors } = await contextOf(browser, WALL);
    const page = await context.newPage();
    await page.clock.install();
    const newest = await api<BoardPage>('/api/public/board?limit=10');
    const units = await api<UnitsAnswer>('/api/public/board/units');
    await page.goto(`${system.baseUrl}/board?wall=1`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/board/wall');
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(expected(newest));
    const wallGroups = units.groups.filter((g) => g.code === 'township' || g.code === 'department');
    expect(await shownUnits(page, '[data-test=wall-unit]')).toEqual(expectedUnits(wallGroups.flatMap((g) => g.units)));
    // no controls on a wall: no search, no buttons
    expect(await page.locator('input, button').count()).toBe(0);
    // large type: the text is bigger than on a desk
    expect(await page.locator('.wall-text-line').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(22);
    // everything fits on the screen: the last line and the last unit end above its bottom edge
    for (const selector of ['[data-test=board-item]', '[data-test=wall-unit]']) {
      const box = await page.locator(selector).last().boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.y + box!.height, selector).toBeLessThanOrEqual(1080);
    }
    await screenshot(page, 'board-wall');
    // a request comes in: the next round (30 s later) shows it first
    const id = await submit('古楼村新修便道垮塌，请尽快处理');
    await expect.poll(async () => (await api<BoardPage>('/api/public/board?limit=1')).items[0]?.id).toBe(id);
    expect((await shown(page))[0]?.id).not.toBe(id);
    await page.clock.fastForward(31_000);
    await expect.poll(async () => (await shown(page))[0]?.id, { timeout: 20_000 }).toBe(id);
    expect(errors).toEqual([]);
    await context.close();
  });
});
