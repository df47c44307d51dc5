import type { Queryable } from './database.js';

/**
 * The personal-data inventory (SECURITY.md, PIPL art. 28, GB/T 35273-2020): every table says in
 * its comment what kind of personal data its columns hold, and a column that differs says so in
 * its own comment, `pii:<category> <说明>`. The schema itself is the inventory, so a migration that
 * adds a column cannot forget to classify it: `checkPersonalData` fails on an untagged table, an
 * untagged column whose name looks sensitive, and a sensitive column not stored as ciphertext.
 */
export const PERSONAL_DATA_CATEGORIES = {
  none: { zh: '非个人信息', en: 'not personal data', sensitive: false },
  general: { zh: '一般个人信息', en: 'general personal data', sensitive: false },
  identity: { zh: '身份证件信息', en: 'identity document', sensitive: true },
  biometric: { zh: '生物识别信息', en: 'biometric', sensitive: true },
  health: { zh: '医疗健康信息', en: 'health', sensitive: true },
  location: { zh: '行踪轨迹信息', en: 'location track', sensitive: true },
  minor: { zh: '不满十四周岁未成年人信息', en: 'minor under 14', sensitive: true },
} as const;

export type PersonalDataCategory = keyof typeof PERSONAL_DATA_CATEGORIES;

/** Column names that suggest personal or sensitive data: such a column must be classified on its own. */
export const SENSITIVE_NAME =
  /(^|_)(lat|lng|lon|latitude|longitude|position|positions|fix|track|measures|diagnosis|diagnoses|medication|medications|allergies|chronic|answers|health|blood|phone|mobile|citizen|id_no|passport|face|biometric|fingerprint|template)(_|$)/;

/** How a sensitive value may be stored: AES-GCM ciphertext (`…_enc`) or a keyed lookup hash (`…_hash`, `…_hashes`). */
export const SEALED_NAME = /_(enc|hash|hashes)$/;

/**
 * The associated data a sealed column's ciphertexts were made with: `table.column`, except the
 * columns sealed before that convention (their AAD cannot change without re-encrypting).
 */
const LEGACY_AAD: Record<string, string> = {
  'person.citizen_id_enc': 'person.citizen_id',
  'person.phone_enc': 'person.phone',
  'elder_contact.phone_enc': 'person.phone',
};

export function sealedAad(table: string, column: string): string {
  return LEGACY_AAD[`${table}.${column}`] ?? `${table}.${column}`;
}

const TAG = /^pii:([a-z]+)(?:\s+([\s\S]*))?$/;

export interface PersonalDataColumn {
  table: string;
  column: string;
  type: string;
  /** the column's own tag, else the table's */
  category: PersonalDataCategory | null;
  taggedOnColumn: boolean;
  note: string | null;
  sealed: boolean;
}

export interface PersonalDataFinding {
  table: string;
  column: string | null;
  rule: 'table_untagged' | 'column_untagged' | 'unknown_category' | 'not_sealed';
  message: string;
  messageEn: string;
}

function parseTag(comment: string | null): { category: string; note: string | null } | null {
  const m = comment ? TAG.exec(comment.trim()) : null;
  return m ? { category: m[1]!, note: m[2]?.trim() || null } : null;
}

const isCategory = (c: string): c is PersonalDataCategory => Object.hasOwn(PERSONAL_DATA_CATEGORIES, c);

/** Reads the inventory from the schema's comments and checks it. */
export async function readPersonalData(db: Queryable): Promise<{ columns: PersonalDataColumn[]; findings: PersonalDataFinding[] }> {
  const { rows } = await db.query<{ table_name: string; table_comment: string | null; column_name: string; column_type: string; column_comment: string | null }>(
    `SELECT c.relname AS table_name, obj_description(c.oid, 'pg_class') AS table_comment,
            a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS column_type, col_description(c.oid, a.attnum) AS column_comment
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      ORDER BY c.relname, a.attnum`,
  );
  const columns: PersonalDataColumn[] = [];
  const findings: PersonalDataFinding[] = [];
  const tablesSeen = new Set<string>();
  for (const r of rows) {
    const tableTag = parseTag(r.table_comment);
    if (!tablesSeen.has(r.table_name)) {
      tablesSeen.add(r.table_name);
      if (!tableTag) {
        findings.push({ table: r.table_name, column: null, rule: 'table_untagged',
          message: `表 ${r.table_name} 未标注个人信息类别（COMMENT ON TABLE … IS 'pii:<类别> <说明>'）`,
          messageEn: `table ${r.table_name} has no personal-data category (COMMENT ON TABLE … IS 'pii:<category> <note>')` });
      } else if (!isCategory(tableTag.category)) {
        findings.push({ table: r.table_name, column: null, rule: 'unknown_category',
          message: `表 ${r.table_name} 的个人信息类别 ${tableTag.category} 不存在`, messageEn: `table ${r.table_name}: unknown category ${tableTag.category}` });
      }
    }
    const own = parseTag(r.column_comment);
    const where = `${r.table_name}.${r.column_name}`;
    if (own && !isCategory(own.category)) {
      findings.push({ table: r.table_name, column: r.column_name, rule: 'unknown_category',
        message: `字段 ${where} 的个人信息类别 ${own.category} 不存在`, messageEn: `column ${where}: unknown category ${own.category}` });
    }
    if (!own && SENSITIVE_NAME.test(r.column_name)) {
      findings.push({ table: r.table_name, column: r.column_name, rule: 'column_untagged',
        message: `字段 ${where} 的名称像个人敏感信息，须单独标注类别`, messageEn: `column ${where} looks sensitive and needs its own category` });
    }
    const tag = own ?? tableTag;
    const category = tag && isCategory(tag.category) ? tag.category : null;
    const sealed = SEALED_NAME.test(r.column_name) && (r.column_type === 'text' || r.column_type === 'text[]');
    if (category && PERSONAL_DATA_CATEGORIES[category].sensitive && !sealed) {
      findings.push({ table: r.table_name, column: r.column_name, rule: 'not_sealed',
        message: `字段 ${where} 属${PERSONAL_DATA_CATEGORIES[category].zh}，须加密存储（…_enc）或只存检索散列（…_hash）`,
        messageEn: `column ${where} holds ${PERSONAL_DATA_CATEGORIES[category].en} data and must be ciphertext (…_enc) or a keyed hash (…_hash)` });
    }
    columns.push({ table: r.table_name, column: r.column_name, type: r.column_type, category, taggedOnColumn: Boolean(own), note: own?.note ?? tableTag?.note ?? null, sealed });
  }
  return { columns, findings };
}
