import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, shot } from './lib/browser.js';
import { citizenId, maskedCitizenId } from './lib/citizen-id.js';
import { settled } from './lib/pom/antd.js';
import { FloorPlanPage, HousingPage } from './lib/pom/housing.page.js';
import { HouseholdsPage } from './lib/pom/households.page.js';
import { LoginPage } from './lib/pom/login.page.js';
import { MapPage } from './lib/pom/map.page.js';
import { PeoplePage, type RegisteredPerson } from './lib/pom/people.page.js';
import { PersonPage } from './lib/pom/person.page.js';
import { Shell } from './lib/pom/shell.js';
import { apiLogin } from './lib/requests.js';

const PASSWORD = 'Demo@2026';
const COMMUNITY = '电江路社区';
/** A house of 电江路社区 in the demo registry (its label as the house picker lists it). */
const HOUSE = '滨江花园 1栋 2单元 102';

/**
 * The family registered through the browser. Citizen IDs differ from run to run (sequence and
 * birth dates shift with the clock) and use a division code the demo registry never uses, so no
 * seeded ID can clash. The names have initials no seeded name has (no seeded surname starts
 * with n), and 柏 reads bai as a surname (bo elsewhere).
 */
const stamp = Date.now();
const shiftDays = Math.floor(stamp / 500) % 3000;
const birth = (base: string) => new Date(Date.parse(`${base}T00:00:00Z`) + shiftDays * 86_400_000).toISOString().slice(0, 10);
const DIVISION = '510922';
const FAMILY = {
  head: { name: '聂泽远', birthDate: birth('1984-03-01'), gender: 'male' as const, initials: 'nzy', relation: '户主' },
  spouse: { name: '柏雅琴', birthDate: birth('1986-07-01'), gender: 'female' as const, fullPinyin: 'baiyaqin', relation: '配偶' },
  child: { name: '聂思齐', birthDate: birth('2014-05-01'), gender: 'male' as const, relation: '子' },
};
const ids = {
  head: citizenId(DIVISION, FAMILY.head.birthDate, stamp, 'male'),
  spouse: citizenId(DIVISION, FAMILY.spouse.birthDate, stamp, 'female'),
  child: citizenId(DIVISION, FAMILY.child.birthDate, stamp + 1, 'male'),
};
type Member = keyof typeof FAMILY;

/** Who the first test registered (the later tests register them through the API if it did not run). */
let registered: Record<Member, RegisteredPerson> | undefined;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** A fresh browser context signed in as the community worker. */
async function signedIn(): Promise<Page> {
  const page = await newPage(browser);
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn('worker', PASSWORD);
  await new Shell(page).header().getByText('陈晓燕（电江路社区）').waitFor();
  return page;
}

/** The family as the first test left it, or registered now through the API. */
async function family(): Promise<Record<Member, RegisteredPerson>> {
  if (registered) return registered;
  const api = await apiLogin('worker', PASSWORD);
  const nodes = (await api.get('/api/jurisdictions')).body.items as { id: string; name: string }[];
  const community = nodes.find((n) => n.name === COMMUNITY)!;
  const out = {} as Record<Member, RegisteredPerson>;
  for (const m of Object.keys(FAMILY) as Member[]) {
    const r = await api.post('/api/people', { name: FAMILY[m].name, citizenId: ids[m], jurisdictionId: community.id });
    expect(r.status).toBe(201);
    out[m] = r.body as RegisteredPerson;
  }
  registered = out;
  return out;
}

/** The people the server links to a house (owners, residents, tenants), from its relationship graph. */
async function peopleOfHouse(houseId: string): Promise<{ id: string; name: string }[]> {
  const api = await apiLogin('worker', PASSWORD);
  const graph = (await api.get(`/api/graph?kind=house&id=${houseId}`)).body as {
    nodes: { id: string; kind: string; label: string }[];
    edges: { source: string; target: string }[];
  };
  const linked = new Set(graph.edges.flatMap((e) => (e.target === houseId ? [e.source] : e.source === houseId ? [e.target] : [])));
  return graph.nodes.filter((n) => n.kind === 'person' && linked.has(n.id)).map((n) => ({ id: n.id, name: n.label }));
}

/**
 * From an open 楼盘表: clicks the first occupied house, checks the drawer lists the people the
 * server links to that house, and opens the first of them; returns the house and the person.
 */
async function throughFloorPlanToResident(page: Page, prefix: string) {
  const plan = new FloorPlanPage(page);
  const cell = plan.occupiedCells().first();
  const number = (await cell.locator('.fp-cell-number').innerText()).trim();
  const houseId = await plan.openCell(cell);
  const people = await peopleOfHouse(houseId);
  expect(people.length).toBeGreaterThan(0);
  await plan.residents().first().waitFor();
  const listed = (await plan.residents().locator('a[href^="/registry/people/"]').allInnerTexts()).map((s) => s.trim()).filter((s) => s !== '查看人员');
  expect([...listed].sort()).toEqual(people.map((p) => p.name).sort());
  const houseLabel = (await plan.drawer().locator('.ant-drawer-title').innerText()).trim();
  expect(houseLabel).toMatch(new RegExp(`${number}$`));
  await shot(page, `${prefix}-house-drawer`, { fullPage: false });

  const first = listed[0]!;
  await plan.residents().getByRole('link', { name: first, exact: true }).first().click();
  const person = new PersonPage(page);
  await person.waitLoaded(first);
  expect(people.map((p) => p.id)).toContain(person.id());
  const houses = await person.tableRows(await person.openTab('房屋'));
  expect(houses.map((r) => r[0])).toContain(houseLabel);
  await shot(page, `${prefix}-resident`);
  return { houseId, houseLabel, personId: person.id(), name: first };
}

describe('registry in the browser, as the community worker of 电江路社区', () => {
  it('registers a family of three through 登记人口 and 登记家庭, sees it on the head’s 360° page and finds it stored', async () => {
    const page = await signedIn();
    await new Shell(page).open('人口管理');
    const people = new PeoplePage(page);
    await people.searchBox().waitFor();

    const out = {} as Record<Member, RegisteredPerson>;
    for (const m of Object.keys(FAMILY) as Member[]) {
      const form = await people.openRegister();
      await form.fill({ name: FAMILY[m].name, citizenId: ids[m], jurisdiction: COMMUNITY });
      // gender and birth date are read from the citizen ID, not typed
      const derived = await form.derived();
      expect(derived.birthDate).toBe(FAMILY[m].birthDate);
      expect(derived.gender).toBe(FAMILY[m].gender === 'male' ? '男' : '女');
      if (m === 'head') await shot(page, 'registry-person-form', { fullPage: false });
      const saved = await form.save();
      expect(saved).toMatchObject({
        name: FAMILY[m].name,
        birthDate: FAMILY[m].birthDate,
        gender: FAMILY[m].gender === 'male' ? 1 : 2,
        citizenIdMasked: maskedCitizenId(ids[m]),
      });
      out[m] = saved;
    }
    // the next tests search for them, whatever becomes of the household below
    registered = out;
    await page.getByText('登记成功').first().waitFor();

    await new Shell(page).open('家庭户');
    const households = new HouseholdsPage(page);
    const form = await households.openRegister();
    await form.house(HOUSE, HOUSE);
    // people are picked by their citizen ID, which finds exactly one
    await form.head(ids.head, FAMILY.head.name);
    await form.member(0, { search: ids.spouse, option: FAMILY.spouse.name, relation: '10 配偶' });
    await form.member(1, { search: ids.child, option: FAMILY.child.name, relation: '20 子' });
    await shot(page, 'registry-household-form', { fullPage: false });
    const household = await form.save();

    // the new household opens in its drawer
    const drawer = households.drawer();
    await drawer.waitFor();
    await settled(drawer);
    expect(await drawer.locator('.ant-drawer-title').innerText()).toBe(`家庭户：户主 ${FAMILY.head.name}`);
    expect(await drawer.locator('.ant-descriptions').innerText()).toContain(HOUSE);
    await shot(page, 'registry-household-drawer', { fullPage: false });

    // the head's 360° page lists the family with each relation to the head
    await drawer.locator('.ant-descriptions').getByRole('link', { name: FAMILY.head.name }).click();
    const person = new PersonPage(page);
    await person.waitLoaded(FAMILY.head.name);
    expect(person.id()).toBe(out.head.id);
    const pane = await person.openTab('家庭');
    const card = pane.locator('.ant-card');
    expect(await card.count()).toBe(1);
    const cardTitle = await card.locator('.ant-card-head-title').innerText();
    expect(cardTitle).toContain(`户主：${FAMILY.head.name}`);
    expect(cardTitle).toContain('与户主关系：户主');
    const rows = await person.tableRows(pane);
    expect(rows.map(([name, relation]) => `${name} ${relation}`).sort()).toEqual(
      (Object.keys(FAMILY) as Member[]).map((m) => `${FAMILY[m].name} ${FAMILY[m].relation}`).sort(),
    );
    // the other members link to their own pages
    expect(await pane.getByRole('link', { name: FAMILY.spouse.name }).getAttribute('href')).toBe(`/registry/people/${out.spouse.id}`);
    await shot(page, 'registry-person-household-tab');

    // and the server stored it so
    const api = await apiLogin('worker', PASSWORD);
    const house = (await api.get(`/api/houses?q=${encodeURIComponent(HOUSE)}`)).body.items as { id: string; label: string }[];
    expect(house).toHaveLength(1);
    const stored = await api.get(`/api/households/${household.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ kind: 'family', headId: out.head.id, headName: FAMILY.head.name, houseId: house[0]!.id, houseLabel: HOUSE, memberCount: 3 });
    const members = Object.fromEntries((stored.body.members as { personId: string; relationCode: string; validTo: string | null }[]).map((mm) => [mm.personId, mm]));
    expect(members[out.head.id]).toMatchObject({ relationCode: '02', validTo: null });
    expect(members[out.spouse.id]).toMatchObject({ relationCode: '10', validTo: null });
    expect(members[out.child.id]).toMatchObject({ relationCode: '20', validTo: null });
    const overview = await api.get(`/api/people/${out.child.id}/overview`);
    expect(overview.body.households).toEqual([expect.objectContaining({ householdId: household.id, relationCode: '20' })]);

    await page.context().close();
  });

  it('finds a person by pinyin initials and another by full pinyin, and opens the 360° page', async () => {
    const people = await family();
    const page = await signedIn();
    await new Shell(page).open('人口管理');
    const list = new PeoplePage(page);
    await list.searchBox().waitFor();

    // full pinyin, with 柏 read as the surname bai
    const byFull = await list.search(FAMILY.spouse.fullPinyin);
    expect(byFull.map((p) => p.id)).toContain(people.spouse.id);
    await list.row(FAMILY.spouse.name, people.spouse.citizenIdMasked).waitFor();
    expect(new Set(await list.names())).toEqual(new Set([FAMILY.spouse.name]));

    // initials: only names that have them, so not the wife and not the son (nsq)
    const byInitials = await list.search(FAMILY.head.initials);
    expect(byInitials.map((p) => p.id)).toContain(people.head.id);
    await list.searchHint().filter({ hasText: `按拼音查找：“${FAMILY.head.initials}”` }).waitFor();
    await list.row(FAMILY.head.name, people.head.citizenIdMasked).waitFor();
    expect(new Set(await list.names())).toEqual(new Set([FAMILY.head.name]));
    await shot(page, 'registry-people-pinyin');

    await list.row(FAMILY.head.name, people.head.citizenIdMasked).getByRole('link', { name: FAMILY.head.name }).click();
    const person = new PersonPage(page);
    await person.waitLoaded(FAMILY.head.name);
    expect(person.id()).toBe(people.head.id);
    const header = await person.header().innerText();
    expect(header).toContain(people.head.citizenIdMasked);
    expect(header).toContain(COMMUNITY);
    expect(header).toContain('男');
    await shot(page, 'registry-person-360');
    await page.context().close();
  });

  it('opens a building’s 楼盘表 from 房屋管理 and clicks through a house to one of its residents', async () => {
    const page = await signedIn();
    await new Shell(page).open('房屋管理');
    const housing = new HousingPage(page);
    await housing.selectEstate('滨江花园');
    await housing.buildingRow('1栋').waitFor();
    await shot(page, 'registry-housing');
    await housing.openFloorPlan('1栋');

    const plan = new FloorPlanPage(page);
    await plan.waitLoaded('滨江花园 1栋');
    const api = await apiLogin('worker', PASSWORD);
    const fp = (await api.get(`/api/buildings/${plan.buildingId()}/floor-plan`)).body as { floors: { houses: { residents: number }[] }[] };
    const houses = fp.floors.flatMap((f) => f.houses);
    expect(await plan.cells().count()).toBe(houses.length);
    expect(await plan.occupiedCells().count()).toBe(houses.filter((h) => h.residents > 0).length);
    expect(await plan.occupiedCells().count()).toBeGreaterThan(0);
    await shot(page, 'registry-floor-plan');

    const { personId, houseId } = await throughFloorPlanToResident(page, 'registry-floor-plan');
    const overview = await api.get(`/api/people/${personId}/overview`);
    expect((overview.body.houses as { house: { id: string } }[]).map((h) => h.house.id)).toContain(houseId);
    await page.context().close();
  });

  it('clicks a building on the 2.5D map, opens its 楼盘表 from the side panel and reaches a resident', async () => {
    const api = await apiLogin('worker', PASSWORD);
    const layers = (await api.get('/api/map/layers?measure=residents')).body as {
      buildings: { features: { geometry: { coordinates: [number, number][][] }; properties: { id: string; name: string; estateName: string | null; floors: number; residentCount: number } }[] };
    };
    const buildings = layers.buildings.features;
    expect(buildings.length).toBeGreaterThan(0);

    const page = await signedIn();
    await new Shell(page).open('地图');
    const map = new MapPage(page);
    await page.locator('.registry-map[data-ready="true"]').waitFor();
    await map.waitForBuildings(buildings.length);
    await shot(page, 'registry-map');

    // the most populous building that can be clicked from where the map looks
    const candidates = [...buildings].filter((b) => b.properties.residentCount > 0).sort((a, b) => b.properties.residentCount - a.properties.residentCount || a.properties.id.localeCompare(b.properties.id));
    let target: (typeof buildings)[number] | undefined;
    let point: { x: number; y: number } | null = null;
    for (const b of candidates) {
      point = await map.pointOnBuilding(b.properties.id, b.geometry.coordinates[0]!);
      if (point) {
        target = b;
        break;
      }
    }
    expect(target, 'no building could be clicked on the map').toBeDefined();
    const title = [target!.properties.estateName, target!.properties.name].filter(Boolean).join(' ');
    await page.mouse.click(point!.x, point!.y);

    const panel = map.panel(title);
    await panel.waitFor();
    const facts = await panel.locator('.ant-descriptions').innerText();
    expect(facts).toMatch(new RegExp(`层数\\s+${target!.properties.floors}\\b`));
    expect(facts).toMatch(new RegExp(`住户人数\\s+${target!.properties.residentCount}\\b`));
    await shot(page, 'registry-map-panel');

    await panel.getByRole('button', { name: '查看楼盘表' }).click();
    const plan = new FloorPlanPage(page);
    await plan.waitLoaded(title);
    expect(plan.buildingId()).toBe(target!.properties.id);
    await plan.occupiedCells().first().waitFor();
    await shot(page, 'registry-map-floor-plan');

    await throughFloorPlanToResident(page, 'registry-map');
    await page.context().close();
  });
});
