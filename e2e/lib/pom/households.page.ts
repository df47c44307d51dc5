import type { Locator, Page } from 'playwright-core';
import { clickOption, openDropdown, saveButton, settled, searchAndPick } from './antd.js';

/** A member row of 登记家庭: whom to find (search text and a text of the option) and the relation. */
export interface MemberRow {
  search: string;
  option: string;
  /** Relation to the head as the select lists it, e.g. "10 配偶". */
  relation: string;
}

/** The household the server returned for 登记家庭 (POST /api/households). */
export interface RegisteredHousehold {
  id: string;
  headId: string;
  houseId: string | null;
  members: { personId: string; relationCode: string; name: string }[];
}

/** 家庭户 (/registry/households): the list, 登记家庭 and the household drawer it opens. */
export class HouseholdsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/registry/households');
    await this.page.getByRole('button', { name: '登记家庭' }).waitFor();
  }

  async openRegister(): Promise<HouseholdForm> {
    await this.page.getByRole('button', { name: '登记家庭' }).click();
    const form = new HouseholdForm(this.page);
    await form.dialog().waitFor();
    await settled(form.dialog());
    return form;
  }

  /** The drawer of one household (家庭户：户主 …). */
  drawer(): Locator {
    return this.page.locator('.ant-drawer-open .ant-drawer-section').filter({ hasText: '家庭户：户主' });
  }
}

/** The 登记家庭 dialog (HouseholdFormModal). Fields are found by the ids the form gives them. */
export class HouseholdForm {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.locator('.ant-modal').filter({ has: this.page.locator('.ant-modal-title', { hasText: '登记家庭' }) });
  }

  /** Picks the house (住址（房屋）) by searching its label. */
  async house(search: string, option: string) {
    await searchAndPick(this.page, this.dialog().getByLabel('住址（房屋）'), search, option);
  }

  async head(search: string, option: string) {
    await searchAndPick(this.page, this.dialog().locator('#headPersonId'), search, option);
  }

  /** Fills member row `index` (the form starts with one empty row; more are added as needed). */
  async member(index: number, row: MemberRow) {
    const person = this.dialog().locator(`#members_${index}_personId`);
    if ((await person.count()) === 0) await this.dialog().getByRole('button', { name: '添加一名成员' }).click();
    await searchAndPick(this.page, person, row.search, row.option);
    const relation = this.dialog().locator(`#members_${index}_relationCode`);
    await relation.click();
    await relation.fill(row.relation.replace(/^\d+\s*/, ''));
    await clickOption(this.page, openDropdown(this.page).locator('.ant-select-item-option').filter({ hasText: row.relation }).first());
  }

  async save(): Promise<RegisteredHousehold> {
    const created = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/households');
    await saveButton(this.dialog()).click();
    const response = await created;
    if (response.status() !== 201 && response.status() !== 200) throw new Error(`登记家庭 failed: ${response.status()} ${await response.text()}`);
    await this.dialog().waitFor({ state: 'hidden' });
    return (await response.json()) as RegisteredHousehold;
  }
}
