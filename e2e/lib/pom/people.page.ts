import type { Locator, Page } from 'playwright-core';
import { pick, saveButton, settled } from './antd.js';

/** What the 登记人口 form is filled with. */
export interface NewPerson {
  name: string;
  citizenId: string;
  /** Name of the community or grid (所属辖区) as the tree shows it. */
  jurisdiction: string;
}

/** The person the server returned for a registration (POST /api/people). */
export interface RegisteredPerson {
  id: string;
  name: string;
  gender: number;
  birthDate: string;
  citizenIdMasked: string;
}

/** 人口管理 (/registry/people): the search box, the results table and the 登记人口 dialog. */
export class PeoplePage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/registry/people');
    await this.searchBox().waitFor();
  }

  searchBox(): Locator {
    return this.page.getByPlaceholder('姓名 / 拼音首字母 / 身份证号 / 手机号');
  }

  /** The line under the search box saying how the text is read (拼音 / 姓名 / 身份证号 …). */
  searchHint(): Locator {
    return this.page.getByText(/^按(拼音|姓名|身份证号|手机号)/);
  }

  rows(): Locator {
    return this.page.locator('.ant-table-tbody tr.ant-table-row');
  }

  /** The result row of a person, told apart from namesakes by the masked citizen ID when given. */
  row(name: string, citizenIdMasked?: string): Locator {
    const rows = this.rows().filter({ has: this.page.getByRole('link', { name, exact: true }) });
    return citizenIdMasked ? rows.filter({ hasText: citizenIdMasked }) : rows;
  }

  /** Names in the results table, in order. */
  async names(): Promise<string[]> {
    return (await this.rows().locator('td:first-child a').allInnerTexts()).map((s) => s.trim());
  }

  /** Searches and waits for the server's answer to that very query; returns its items. */
  async search(q: string): Promise<{ id: string; name: string }[]> {
    await this.searchBox().fill(q);
    const answered = this.page.waitForResponse(
      (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/people' && new URL(r.url()).searchParams.get('q') === q,
    );
    await this.searchBox().press('Enter');
    const response = await answered;
    if (!response.ok()) throw new Error(`people search "${q}": ${response.status()}`);
    const body = (await response.json()) as { items: { id: string; name: string }[] };
    // the table has re-rendered with this page of results
    await this.page.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' });
    return body.items;
  }

  /** Opens 登记人口. */
  async openRegister(): Promise<PersonForm> {
    await this.page.getByRole('button', { name: '登记人口' }).first().click();
    const form = new PersonForm(this.page);
    await form.dialog().waitFor();
    await settled(form.dialog());
    return form;
  }
}

/** The 登记人口 dialog (PersonFormModal). */
export class PersonForm {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.locator('.ant-modal').filter({ has: this.page.locator('.ant-modal-title', { hasText: '登记人口' }) });
  }

  field(label: string): Locator {
    return this.dialog().getByLabel(label, { exact: true });
  }

  async fill(p: NewPerson) {
    await this.field('姓名').fill(p.name);
    await this.field('身份证号').fill(p.citizenId);
    await this.field('身份证号').blur();
    await pick(this.page, this.field('所属辖区'), p.jurisdiction);
  }

  /** Gender and birth date as the form shows them (read from a valid citizen ID). */
  async derived(): Promise<{ gender: string; birthDate: string }> {
    const gender = (await this.dialog().locator('.ant-form-item').filter({ hasText: '性别' }).locator('.ant-select-content, .ant-select-selection-item').first().innerText()).trim();
    const birthDate = await this.field('出生日期').inputValue();
    return { gender, birthDate };
  }

  /** Saves and returns what the server registered. */
  async save(): Promise<RegisteredPerson> {
    const created = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/people');
    await saveButton(this.dialog()).click();
    const response = await created;
    if (response.status() !== 201 && response.status() !== 200) throw new Error(`登记人口 failed: ${response.status()} ${await response.text()}`);
    await this.dialog().waitFor({ state: 'hidden' });
    return (await response.json()) as RegisteredPerson;
  }
}
