// The journey in a real browser (Debian's Chromium) against `npm start` on a fresh store:
// a citizen submits on a phone and gets a number; 鼎山镇 screens it, the special team assesses it,
// a handler at 黄梁村 sees the task in the workbench and completes it; the three staff signers sign
// in their own logins and the citizen signs with the lookup code; the citizen rates 基本满意; the
// public board shows the request done with no personal data. A handler of another village does not
// see the task, and the API refuses it when forced. Screenshots: .scratch/web-screenshots/journey-*.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, contextOf, DESK, launch, logIn, PHONE, screenshot } from './browser.js';
import { RunningSystem } from './system.js';

let system: RunningSystem;
let browser: Browser;
/** each browser context's page errors (scripts that threw): none is expected */
const pageErrors: string[][] = [];

beforeAll(async () => {
  if (!browserAvailable) return;
  [system, browser] = await Promise.all([RunningSystem.start({ demoRequests: false }), launch()]);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const CITIZEN = { name: '（演示）李大妈', phone: '13800001111' };

async function staffPage(username: string): Promise<Page> {
  const { context, errors } = await contextOf(browser, DESK);
  const page = await context.newPage();
  pageErrors.push(errors);
  await logIn(page, system.baseUrl, username);
  await page.waitForURL(/\/workbench$/);
  return page;
}

/** Waits (refreshing the list) until the step of the request is in the caller's list, then opens it; answers the task's key. */
async function openTask(page: Page, element: string, requestId: string): Promise<string> {
  await page.goto(`${system.baseUrl}/workbench?element=${element}`);
  const open = page.locator(`[data-test=open-${element}-${requestId}]`);
  await expect
    .poll(
      async () => {
        await page.locator('[data-test=refresh]').click();
        await page.locator('[data-test=tasks][data-state=ready]').waitFor();
        return open.count();
      },
      { timeout: 90_000, interval: 500 },
    )
    .toBe(1);
  await open.click();
  await page.locator('[data-test=task-form]').waitFor();
  return /\/workbench\/tasks\/(\d+)$/.exec(page.url())![1]!;
}

async function choose(page: Page, field: string, label: string): Promise<void> {
  const item = page.locator(`[data-test=field-${field}]`);
  if ((await item.locator('.el-select').count()) > 0) {
    await item.locator('.el-select').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: label }).click();
  } else {
    await item.getByText(label, { exact: true }).click();
  }
}

async function complete(page: Page, shot?: string): Promise<void> {
  if (shot !== undefined) await screenshot(page, shot);
  await page.locator('[data-test=complete]').click();
  await page.waitForURL(/\/workbench$/);
}

async function lookup(page: Page, id: string, code: string): Promise<void> {
  await page.locator('[data-test=track-number] input').fill(id);
  await page.locator('[data-test=track-code] input').fill(code);
  await page.locator('[data-test=lookup]').click();
  await page.locator('[data-test=status]').waitFor();
}

/** Looks the request up again until the page offers `section` (the signature, the rating). */
async function lookUpUntil(page: Page, id: string, code: string, section: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await lookup(page, id, code);
        return page.locator(`[data-test=${section}]`).count();
      },
      { timeout: 90_000, interval: 500 },
    )
    .toBe(1);
}

describe.skipIf(!browserAvailable)('a request from a citizen\'s phone through the workbench to the public board', () => {
  it('is submitted, handled at 黄梁村, signed by four people, rated and shown on the board without personal data', { timeout: 600_000 }, async () => {
    // a citizen on a phone submits
    const { context: phone, errors: phoneErrors } = await contextOf(browser, PHONE);
    const citizen = await phone.newPage();
    await citizen.goto(`${system.baseUrl}/`);
    await screenshot(citizen, 'journey-1-citizen-home');
    await citizen.locator('[data-test=to-submit]').click();
    await citizen.locator('[data-test=place]').click();
    await citizen.locator('.van-cascader__option', { hasText: '鼎山镇' }).click();
    await citizen.locator('.van-cascader__option', { hasText: '黄梁村' }).click();
    await citizen.locator('[data-test=text] textarea').fill('黄梁村五组路灯坏了一个多月,晚上出门看不见路');
    await citizen.locator('[data-test=name] input').fill(CITIZEN.name);
    await citizen.locator('[data-test=phone] input').fill(CITIZEN.phone);
    await screenshot(citizen, 'journey-2-citizen-form');
    await citizen.locator('[data-test=submit]').click();
    const id = (await citizen.locator('[data-test=request-number]').textContent())!.trim();
    const code = (await citizen.locator('[data-test=lookup-code]').textContent())!.trim();
    await screenshot(citizen, 'journey-3-citizen-number');
    expect(id).toMatch(/^SQ\d{12,}$/);
    expect(code).toMatch(/^\d{6}$/);

    // 鼎山镇 screens it, the special team assesses it
    const township = await staffPage('dingshan-handler');
    await openTask(township, 'screen', id);
    await choose(township, 'valid', '有效诉求');
    await complete(township, 'journey-4-screen');
    const team = await staffPage('special-team');
    await openTask(team, 'assess', id);
    await choose(team, 'listType', '个人求决');
    await choose(team, 'domain', '城乡建设');
    await choose(team, 'difficulty', '易事');
    await complete(team, 'journey-5-assess');

    // the handler at 黄梁村 sees it; a handler of another village of 鼎山镇 does not
    const handler = await staffPage('huangliang-handler');
    const acceptKey = await openTask(handler, 'accept', id);
    const stranger = await staffPage('dingshan-xinqiao-staff-2');
    await stranger.goto(`${system.baseUrl}/workbench`);
    await stranger.locator('[data-test=tasks][data-state=ready]').waitFor();
    await screenshot(stranger, 'journey-6-other-village');
    const strangerSees = await stranger.locator(`[data-test=open-accept-${id}]`).count();
    const strangerApi = await system.staffApi('dingshan-xinqiao-staff-2');
    const forcedRead = await strangerApi('GET', `/api/tasks/${acceptKey}`);
    const forcedWork = await strangerApi('POST', `/api/tasks/${acceptKey}/completion`, { variables: {} });
    await stranger.context().close();

    await choose(handler, 'decision', '受理');
    await complete(handler, 'journey-7-accept');
    await openTask(handler, 'handle-task', id);
    await choose(handler, 'outcome', '已解决');
    await handler.locator('[data-test=field-resolutionNote] textarea').fill('已更换五组路灯两盏');
    await complete(handler, 'journey-8-handle');
    await openTask(handler, 'sign-handler', id);
    await choose(handler, 'signed', '同意，签字确认');
    await complete(handler);
    for (const [username, element] of [['huangliang-leader', 'sign-leader-in-charge'], ['huangliang-head', 'sign-main-leader']] as const) {
      const signer = await staffPage(username);
      await openTask(signer, element, id);
      await choose(signer, 'signed', '同意，签字确认');
      await complete(signer, `journey-9-${element}`);
    }

    // the citizen signs with the lookup code, then rates
    await citizen.goto(`${system.baseUrl}/track`);
    await lookUpUntil(citizen, id, code, 'sign');
    await screenshot(citizen, 'journey-10-citizen-sign');
    await citizen.locator('[data-test=sign-agree]').click();
    await citizen.locator('.van-dialog__confirm').click();
    await citizen.locator('[data-test=notice]').waitFor();
    await lookUpUntil(citizen, id, code, 'rate');
    await citizen.locator('[data-test=answer-basically_satisfied]').click();
    await citizen.locator('[data-test=comment] textarea').fill('修好了,谢谢');
    await citizen.locator('[data-test=rate-submit]').click();
    await citizen.getByText('感谢您的评价：基本满意').waitFor();
    await screenshot(citizen, 'journey-11-citizen-rated');
    const supervisor = await system.staffApi('supervisor');
    await expect.poll(async () => (await supervisor('GET', `/api/requests/${id}`)).body.status.code, { timeout: 60_000, interval: 500 }).toBe('archived');
    await lookup(citizen, id, code);
    // the look-up answered before the archive may still be on screen for a moment
    await expect.poll(() => citizen.locator('[data-test=status]').textContent(), { timeout: 15_000 }).toBe('已归档');
    await screenshot(citizen, 'journey-12-citizen-archived');
    const timeline = await citizen.locator('[data-test=timeline]').textContent();

    // the public board shows it, without the citizen
    const board = await phone.newPage();
    await board.goto(`${system.baseUrl}/board?q=${id}`);
    await board.getByText(id).first().waitFor();
    await board.getByText('已归档').first().waitFor();
    await screenshot(board, 'journey-13-board');
    const boardHtml = await board.content();
    const boardApi = (await (await fetch(`${system.baseUrl}/api/public/board?q=${id}`)).json()) as { items: { id: string; status: { code: string } }[] };
    const caseFile = (await supervisor('GET', `/api/requests/${id}/case-file`)).body;

    expect(strangerSees).toBe(0);
    expect([403, 404]).toContain(forcedRead.status);
    expect([403, 404]).toContain(forcedWork.status);
    expect(timeline).toContain('黄梁村');
    expect(timeline).not.toContain(CITIZEN.name);
    expect(boardApi.items.map((i) => [i.id, i.status.code])).toEqual([[id, 'archived']]);
    expect(boardHtml).not.toContain(CITIZEN.name);
    expect(boardHtml).not.toContain(CITIZEN.phone);
    expect(caseFile.signatures.map((s: any) => [s.role.code, s.method.code]).sort()).toEqual([
      ['citizen', 'lookup_code'],
      ['handler', 'login'],
      ['leader_in_charge', 'login'],
      ['main_leader', 'login'],
    ]);
    expect(caseFile.followUps).toEqual([expect.objectContaining({ outcome: expect.objectContaining({ code: 'basically_satisfied' }) })]);
    expect([...phoneErrors, ...pageErrors.flat()]).toEqual([]);
  });
});
