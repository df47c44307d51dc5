/**
 * The OpenAPI paths the client is typed against, generated from the server by `npm run gen:api`
 * (openapi-typescript → schema.d.ts). Re-exported from one place so every import names this file.
 */
export type { paths } from './schema';
