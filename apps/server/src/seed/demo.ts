import type { Database } from '../db/database.js';
import { systemScope, withScope } from '../db/scope.js';
import * as jurisdictionRepo from '../modules/jurisdiction/jurisdiction.repository.js';
import type { Services } from '../services.js';
import { today } from '../shared/dates.js';

/** The password of every demo account (demo mode only). */
export const DEMO_PASSWORD = 'Demo@2026';

/** Pilot communities of the Suining trial (船山区 and 安居区) that get demo grids. */
export const PILOT_COMMUNITIES = ['510903001001', '510903001002', '510903001003', '510904001001', '510904001002'];
const GRID_NAMES = ['第一网格', '第二网格', '第三网格'];
export const DEMO_GRID_VALID_FROM = '2024-01-01';

/** Demo accounts: username, name, role, jurisdiction code (see the foundation issue). */
export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: '系统管理员', role: 'sys_admin', node: '5109' },
  { username: 'security', displayName: '安全管理员', role: 'security_admin', node: '5109' },
  { username: 'auditor', displayName: '审计管理员', role: 'audit_admin', node: '5109' },
  { username: 'city', displayName: '王建国（市民政局）', role: 'city_official', node: '5109' },
  { username: 'chuanshan', displayName: '李红梅（船山区）', role: 'district_official', node: '510903' },
  { username: 'anju', displayName: '张志强（安居区）', role: 'district_official', node: '510904' },
  { username: 'worker', displayName: '陈晓燕（电江路社区）', role: 'community_worker', node: '510903001001' },
  { username: 'grid', displayName: '刘洋（电江路社区第一网格）', role: 'grid_worker', node: '510903001001001' },
  { username: 'eldercare', displayName: '赵敏（市民政局养老科）', role: 'eldercare_staff', node: '5109' },
  { username: 'assessor', displayName: '钱芳（船山区民政局养老评估员）', role: 'eldercare_staff', node: '510903' },
  { username: 'caregiver', displayName: '周丽（护理员）', role: 'caregiver', node: '510903' },
  { username: 'property', displayName: '吴刚（物业管理员）', role: 'property_manager', node: '510903001001' },
  { username: 'resident', displayName: '孙桂英（居民）', role: 'resident', node: '510903001001' },
] as const;

/** Draws the demo grids (网格) under the pilot communities; re-runnable. */
export async function seedDemoGrids(db: Database): Promise<number> {
  return withScope(db, systemScope('demo seed'), async (tx) => {
    const grids = [];
    for (const code of PILOT_COMMUNITIES) {
      const community = await jurisdictionRepo.byCode(tx, code, today());
      if (!community) continue;
      for (const [i, name] of GRID_NAMES.entries()) {
        const gridCode = code + String(i + 1).padStart(3, '0');
        grids.push({
          code: gridCode, name, level: 'grid' as const, parentCode: code, path: `${community.path}.${gridCode}`,
          pathNames: [...community.path_names, name], validFrom: DEMO_GRID_VALID_FROM, source: 'local' as const,
        });
      }
    }
    return jurisdictionRepo.insertMany(tx, grids);
  });
}

/** Creates the demo accounts that do not exist yet. */
export async function seedDemoAccounts(db: Database, services: Services): Promise<string[]> {
  const created: string[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const node = await withScope(db, systemScope('demo seed'), (tx) => jurisdictionRepo.byCode(tx, a.node, today()));
    if (!node) throw new Error(`demo jurisdiction ${a.node} is missing`);
    try {
      await services.users.createAsSystem(
        { username: a.username, displayName: a.displayName, password: DEMO_PASSWORD, roleCodes: [a.role], jurisdictionIds: [node.id] },
        { mustChangePassword: false },
      );
      created.push(a.username);
    } catch (e) {
      if ((e as { code?: string }).code !== 'USERNAME_TAKEN') throw e;
    }
  }
  return created;
}
