import type { Locator, Page } from 'playwright-core';

/** The open (not hidden) dropdown of an Ant Design select, tree select or picker. */
export function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
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
  await option.first().waitFor();
  await option.first().click();
  await openDropdown(page).first().waitFor({ state: 'hidden' });
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
