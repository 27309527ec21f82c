// The shape of the user's policy (pyguard.toml, or [tool.pyguard] in pyproject.toml), as a zod schema: thresholds,
// per-package expectations, ignores with a reason and an optional expiry, allowed and denied hosts, index settings.
// zod is loaded on first use, when there is a policy file to read: loading it costs ~0.15 s of CPU on every run.
import { createRequire } from 'node:module';
import type { z } from 'zod';
import { CAPABILITIES, SEVERITIES } from '../model/result.ts';

function buildSchemas({ z }: typeof import('zod')) {
  const severity = z.enum(SEVERITIES);
  const host = z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9*.:[\]-]+$/, 'a host name such as api.example or *.example');
  /** A TOML local date (`2026-12-31`) or the same as a string. */
  const date = z.union([
    z.date().transform((d) => d.toISOString().slice(0, 10)),
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-31'),
  ]);

  const packageExpectations = z.strictObject({
    /** Capabilities the package is known to need: findings of these count lower; other capabilities count higher. */
    capabilities: z.array(z.enum(CAPABILITIES)).optional(),
    /** Destination hosts the package is known to reach; a known destination outside them is not expected. */
    hosts: z.array(host).optional(),
  });

  const ignoreEntry = z.strictObject({
    rule: z.string().min(1),
    package: z.string().min(1),
    /** A path inside the package (exact, or its last segments). */
    file: z.string().min(1).optional(),
    reason: z.string().trim().min(1, 'give the reason the finding was accepted'),
    expires: date.optional(),
  });

  const indexSettings = z.strictObject({
    'index-url': z.url().optional(),
    'extra-index-url': z.array(z.url()).optional(),
    'find-links': z.array(z.string().min(1)).optional(),
    'no-index': z.boolean().optional(),
  });

  const policySchema = z.strictObject({
    'fail-on': severity.optional(),
    'warn-on': severity.optional(),
    'allowed-hosts': z.array(host).optional(),
    'denied-hosts': z.array(host).optional(),
    index: indexSettings.optional(),
    packages: z.record(z.string().min(1), packageExpectations).optional(),
    ignore: z.array(ignoreEntry).optional(),
  });
  return { policySchema, ignoreEntry, indexSettings };
}

type Schemas = ReturnType<typeof buildSchemas>;
let built: Schemas | undefined;

/** The policy file's schema (built once, on first use). */
export function policySchema(): Schemas['policySchema'] {
  built ??= buildSchemas(createRequire(import.meta.url)('zod') as typeof import('zod'));
  return built.policySchema;
}

export type IgnoreEntry = z.infer<Schemas['ignoreEntry']>;
export type IndexSettings = z.infer<Schemas['indexSettings']>;
