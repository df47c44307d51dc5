import type { Locator, Page } from 'playwright-core';

/** The open (not hidden) dropdown of an Ant Design select, tree select or picker. */
export function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
}

/**
 * Clicks an option of an open dropdown once the dropdown has finished its opening motion: a click
 * on an option still sliding in makes Playwright scroll the document under the fixed dialog, the
 * dropdown is realigned, and the click misses (the dropdown stays open with nothing chosen). A
 * single select closes on the click; `multiple` ones stay open for the next choice.
 */
export async function clickOption(page: Page, option: Locator, { multiple = false }: { multiple?: boolean } = {}) {
  await option.waitFor();
  await settled(openDropdown(page).first());
  await option.click();
  if (!multiple) await openDropdown(page).first().waitFor({ state: 'hidden' });
}

/** Opens a select (or tree select) and picks the option, or tree node, whose text contains `text`. */
export async function pick(page: Page, select: Locator, text: string | RegExp, { multiple = false }: { multiple?: boolean } = {}) {
  await select.click();
  const option = openDropdown(page).locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper').filter({ hasText: text }).first();
  await clickOption(page, option, { multiple });
}

/**
 * Types into a searchable select (the registry's person and house pickers search the server as
 * one types) and picks the option whose text contains every one of `texts`.
 */
export async function searchAndPick(page: Page, select: Locator, query: string, ...texts: string[]) {
  await select.click();
  await select.fill(query);
  let option = openDropdown(page).locator('.ant-select-item-option');
  for (const text of texts) option = option.filter({ hasText: text });
  await clickOption(page, option.first());
}

/** The primary button of a dialog (保存 / 确定); Ant Design spaces two-character labels. */
export function saveButton(dialog: Locator): Locator {
  return dialog.getByRole('button', { name: /^(保\s*存|确\s*定)$/ });
}

/**
 * Waits until an element has stopped moving (drawers slide in, dialogs zoom open): the same box
 * on three animation frames in a row. Screenshots taken earlier catch it half-way.
 */
export async function settled(locator: Locator) {
  await locator.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        let last = '';
        let same = 0;
        const tick = () => {
          const r = el.getBoundingClientRect();
          const key = `${r.x},${r.y},${r.width},${r.height}`;
          same = key === last ? same + 1 : 0;
          last = key;
          if (same >= 3) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}
