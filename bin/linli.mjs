#!/usr/bin/env node
// The `linli` command: runs the TypeScript CLI through tsx (no separate compile step).
import { register } from 'tsx/esm/api';

register();
await import('../apps/server/src/cli/linli.ts');
