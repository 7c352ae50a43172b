import type { Locator, Page } from 'playwright-core';
import { confirmPopconfirm } from '../support/browser';

/** Steps the enterprise and lab browser tests share: antd controls, and waits for what the page shows. */

/** The error antd shows under the form item holding the control with this id. */
export function fieldError(page: Page, id: string): Locator {
  return page.locator('.ant-form-item', { has: page.locator(`#${id}`) }).locator('.ant-form-item-explain-error');
}

/** Confirms the open Popconfirm. */
export async function confirmPopover(page: Page): Promise<void> {
  await confirmPopconfirm(page);
}

/** Types a date into an antd DatePicker. Enter also submits the form around it. */
export async function pickDate(page: Page, id: string, date: string): Promise<void> {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(date);
  await page.keyboard.press('Enter');
}

/** Opens an antd Select by its input id (typing to filter when given) and picks the option with this text. */
export async function choose(page: Page, id: string, option: string, type?: string): Promise<void> {
  await page.locator(`#${id}`).click();
  if (type) await page.locator(`#${id}`).fill(type);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** The status tag in a record page's header (applications, vouchers, orders, claims). */
export function recordStatus(page: Page, value: string): Locator {
  return page.getByTestId('record-status').locator(`[data-status="${value}"]`);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits until the element's whole text is `expected` (money, counts). */
export async function shows(target: Locator, expected: string): Promise<void> {
  await target.filter({ hasText: new RegExp(`^\\s*${escape(expected)}\\s*$`) }).first().waitFor();
}

/** Waits until the element's text contains `expected` (or matches it). */
export async function contains(target: Locator, expected: string | RegExp): Promise<void> {
  await target.filter({ hasText: expected }).first().waitFor();
}

/**
 * Waits for something queued work will make appear, pressing the page's refresh between looks
 * (expect-style polling; no fixed sleeps).
 */
export async function until(target: Locator, refresh: () => Promise<unknown>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await target.first().waitFor({ timeout: 1_500 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await refresh();
  }
}
