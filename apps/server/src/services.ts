import type { Config } from './config/env.js';
import type { Database } from './db/database.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { createAuthService } from './modules/accounts/auth.service.js';
import { createPasswordPolicy } from './modules/accounts/password.js';
import { createSessionsService } from './modules/accounts/sessions.service.js';
import { createUsersService } from './modules/accounts/users.service.js';
import { createJurisdictionService } from './modules/jurisdiction/jurisdiction.service.js';
import { createPeopleService } from './modules/registry/people.service.js';
import { createHousingService } from './modules/registry/housing.service.js';
import { createRelationsService } from './modules/registry/relations.service.js';
import { createGraphService } from './modules/registry/graph.service.js';
import { historyReader } from './modules/registry/history.js';
import { createRecordsService } from './modules/registry/records.service.js';
import { createMapService } from './modules/registry/map.service.js';
import { createMergeService } from './modules/registry/merge.service.js';
import { createPrivacyService } from './modules/privacy/privacy.service.js';
import { createQualityService } from './modules/quality/quality.service.js';
import { createSurveyService } from './modules/survey/survey.service.js';
import type { FieldCipher } from './crypto/field-cipher.js';
import { createExportsService } from './modules/exports/exports.service.js';
import { registryExportSources } from './modules/exports/exports.registry.js';
import { createImportsService } from './modules/imports/imports.service.js';
import { createDevicesService } from './modules/devices/devices.service.js';
import { createElderService } from './modules/elder/elder.service.js';
import { createAnalysisService } from './modules/analysis/analysis.service.js';
import { createCareService } from './modules/care/care.service.js';
import { elderMeasures } from './modules/elder/elder.measures.js';
import { careMeasures } from './modules/care/care.measures.js';
import { devicesMeasures } from './modules/devices/devices.measures.js';
import { elderExportSource } from './modules/elder/elder.exports.js';
import { careExportSources } from './modules/care/care.exports.js';

/** Wires the module services together; each receives only what it uses. */
export function createServices(db: Database, config: Config, cipher: FieldCipher) {
  const audit = createAuditService(db);
  const passwords = createPasswordPolicy({ db, historySize: config.auth.passwordHistory });
  const jurisdiction = createJurisdictionService({ db, audit });
  const people = createPeopleService({ db, audit, jurisdiction, cipher });
  const housing = createHousingService({ db, jurisdiction });
  const relations = createRelationsService({ db, audit, jurisdiction });
  const auth = createAuthService({ db, audit, config, passwords });
  const users = createUsersService({ db, audit, jurisdiction, passwords, principalChanged: auth.principalChanged });
  const records = createRecordsService({ db, audit, jurisdiction, users });
  const elder = createElderService({ db, audit, cipher, jurisdiction });
  relations.registerPersonPanel(elder.personPanel);
  const exports = createExportsService({ db, audit, jurisdiction, dataDir: config.dataDir });
  // 导出: every list the user can see — the registry's eight, then the modules' own (below)
  for (const s of registryExportSources({ db, cipher, people, housing, relations, records })) exports.registerSource(s);
  const survey = createSurveyService({ db, audit, jurisdiction, people, relations });
  const devices = createDevicesService({ db, audit, config, jurisdiction, people, records, relations, elder, cipher });
  const analysis = createAnalysisService({ db, audit, exports });
  // 数据立方 / 驾驶舱: each module's own figures (elders by level, care visits and exceptions, open alerts)
  for (const m of [...elderMeasures(), ...careMeasures(), ...devicesMeasures()]) analysis.registerMeasure(m);
  exports.registerSource(elderExportSource(elder, { db, cipher }));
  // 居家养老服务: the level from the elder module's assessment, the watch fixes from devices
  const care = createCareService({
    db, audit, jurisdiction, users, relations, survey, cipher,
    ports: {
      levelOf: (scope, personId) => elder.levelOf(scope, personId),
      whereabouts: async (scope, personId, from, to) =>
        (await devices.whereabouts(scope, personId, from, to)).filter((w) => w.valid).map((w) => ({ at: w.time, lat: w.lat, lon: w.lng, accuracy: w.accuracy })),
    },
  });
  const [careOrders, careExceptions] = careExportSources(care);
  exports.registerSource(careOrders);
  exports.registerSource(careExceptions);
  return {
    audit,
    jurisdiction,
    auth,
    users,
    sessions: createSessionsService({ db, audit, config }),
    people,
    housing,
    relations,
    graph: createGraphService({ db }),
    records,
    registryHistory: historyReader(db),
    map: createMapService({ db, jurisdiction, config }),
    merge: createMergeService({ db, audit, jurisdiction }),
    quality: createQualityService({ db, audit, cipher }),
    privacy: createPrivacyService({ db, audit, cipher, config }),
    survey,
    exports,
    imports: createImportsService({ db, audit, jurisdiction, people, cipher, config }),
    elder,
    analysis,
    devices,
    care,
  };
}

export type Services = ReturnType<typeof createServices>;
