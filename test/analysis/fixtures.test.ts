// Runs `pyguard scan FIXTURE --json` (the whole CLI, in-process) on every rule fixture and checks the egress
// verdict, the exact rule ids and lines, and the destinations; look-alikes must produce no egress.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Destination, FileReport, RiskLevel } from '../../src/model/result.ts';
import { EGRESS_VERDICT, NO_EGRESS_VERDICT } from '../../src/model/result.ts';
import { scanJson } from './run-cli.ts';

const ROOT = fileURLToPath(new URL('../../fixtures/rules/', import.meta.url));

interface Expected {
  egress: boolean;
  /** Every finding of the file as "rule@line", in any order. */
  findings: string[];
  /** Destinations of some findings, by "rule@line" (only the listed fields are compared). */
  destinations?: Record<string, Destination>;
  risk?: RiskLevel;
  partial?: boolean;
  /** The decoded virtual file FILE#decoded-1: its findings and the host it reaches. */
  decoded?: { findings: string[]; host: string };
}

const url = (u: string, extra: Destination = {}): Destination => ({
  url: u,
  host: new URL(u.replace('{…}', 'x')).hostname,
  ...extra,
});

const CASES: Record<string, Expected> = {
  // network modules, one each
  'egress/socket_connect.py': {
    egress: true,
    findings: ['egress-network-call@8'],
    destinations: { 'egress-network-call@8': { host: 'c2.example', port: 4444 } },
  },
  'egress/socket_create_connection.py': {
    egress: true,
    findings: ['egress-network-call@5'],
    destinations: { 'egress-network-call@5': { host: '192.0.2.10', port: 8443, kind: 'ip-literal' } },
  },
  'egress/socket_sendto.py': {
    egress: true,
    findings: ['egress-network-call@6'],
    destinations: { 'egress-network-call@6': { host: 'udp.example', port: 53 } },
  },
  'egress/socket_dns_built_name.py': { egress: true, findings: ['egress-dns-lookup@6'] },
  'egress/ssl_wrap.py': {
    egress: true,
    findings: ['egress-network-call@7', 'egress-network-call@8'],
    destinations: { 'egress-network-call@7': { host: 'tls.example', port: 443 } },
  },
  'egress/http_client.py': {
    egress: true,
    findings: ['egress-network-call@5', 'egress-network-call@6'],
    destinations: { 'egress-network-call@5': { host: 'api.example', port: 8443 } },
  },
  'egress/urllib_request.py': {
    egress: true,
    findings: ['egress-network-call@5'],
    destinations: { 'egress-network-call@5': url('https://files.example/data.json') },
  },
  'egress/urllib3_pool.py': {
    egress: true,
    findings: ['egress-network-call@7'],
    destinations: { 'egress-network-call@7': url('https://pool.example/v1/items') },
  },
  'egress/requests_post.py': {
    egress: true,
    findings: ['egress-network-call@5'],
    destinations: { 'egress-network-call@5': url('https://collector.example/ingest') },
  },
  'egress/httpx_get.py': {
    egress: true,
    findings: ['egress-network-call@6'],
    destinations: { 'egress-network-call@6': url('https://async.example/items') },
  },
  'egress/aiohttp_session.py': {
    egress: true,
    findings: ['egress-network-call@6'],
    destinations: { 'egress-network-call@6': url('https://aio.example/upload') },
  },
  'egress/ftplib_upload.py': {
    egress: true,
    findings: ['egress-network-call@5'],
    destinations: { 'egress-network-call@5': { host: 'ftp.example' } },
  },
  'egress/smtplib_send.py': {
    egress: true,
    findings: ['egress-network-call@5'],
    destinations: { 'egress-network-call@5': { host: 'mail.example', port: 587 } },
  },
  'egress/poplib_imaplib.py': {
    egress: true,
    findings: ['egress-network-call@6', 'egress-network-call@7'],
    destinations: {
      'egress-network-call@6': { host: 'pop.example' },
      'egress-network-call@7': { host: 'imap.example', port: 993 },
    },
  },
  'egress/telnetlib_open.py': {
    egress: true,
    findings: ['egress-network-call@5'],
    destinations: { 'egress-network-call@5': { host: '192.0.2.23', port: 23, kind: 'ip-literal' } },
  },
  'egress/xmlrpc_proxy.py': {
    egress: true,
    findings: ['egress-network-call@5'],
    destinations: { 'egress-network-call@5': url('https://rpc.example/RPC2') },
  },
  'egress/websocket_clients.py': {
    egress: true,
    findings: ['egress-network-call@6', 'egress-network-call@10'],
    destinations: {
      'egress-network-call@6': url('wss://ws.example/feed'),
      'egress-network-call@10': url('wss://ws2.example/feed'),
    },
  },
  'egress/pycurl_perform.py': {
    egress: true,
    // the URL set with setopt is where perform() connects: the call's destination, not a separate literal
    findings: ['egress-network-call@7'],
    destinations: { 'egress-network-call@7': url('https://curl.example/') },
  },
  'egress/paramiko_ssh.py': {
    egress: true,
    findings: ['egress-network-call@6'],
    destinations: { 'egress-network-call@6': { host: 'ssh.example', port: 2222 } },
  },
  'egress/grpc_channel.py': {
    egress: true,
    findings: ['egress-network-call@5'],
    destinations: { 'egress-network-call@5': { host: 'grpc.example', port: 50051 } },
  },
  'egress/dns_resolver.py': {
    egress: true,
    findings: ['egress-dns-lookup@5'],
    destinations: { 'egress-dns-lookup@5': { host: 'txt.example' } },
  },
  'egress/boto3_client.py': { egress: true, findings: ['egress-network-call@5'] },
  // name resolution
  'resolution/import_alias.py': {
    egress: true,
    findings: ['egress-network-call@5'],
    destinations: { 'egress-network-call@5': url('https://alias.example/items') },
  },
  'resolution/from_import_alias.py': {
    egress: true,
    findings: ['egress-network-call@5'],
    destinations: { 'egress-network-call@5': url('https://from-alias.example/feed') },
  },
  'resolution/star_import.py': {
    egress: true,
    findings: ['egress-network-call@6'],
    destinations: { 'egress-network-call@6': { host: 'star.example', port: 9000 } },
  },
  'resolution/dunder_import.py': {
    egress: true,
    findings: ['dynamic-import@1', 'egress-network-call@5'],
    destinations: { 'egress-network-call@5': { host: 'dunder.example', port: 7000 } },
  },
  'resolution/importlib_module.py': {
    egress: true,
    findings: ['dynamic-import@3', 'egress-network-call@7'],
    destinations: { 'egress-network-call@7': { host: 'importlib.example', port: 8080 } },
  },
  'resolution/getattr_constant.py': {
    egress: true,
    findings: ['egress-network-call@7'],
    destinations: { 'egress-network-call@7': url('https://getattr.example/submit') },
  },
  'resolution/getattr_dynamic.py': { egress: true, findings: ['network-import@1', 'egress-dynamic-attribute@5'] },
  'resolution/module_pool.py': {
    egress: true,
    findings: ['egress-network-call@7'],
    destinations: { 'egress-network-call@7': url('https://module-pool.example/items/{…}') },
  },
  'resolution/session_object.py': {
    egress: true,
    findings: ['egress-network-call@7'],
    destinations: { 'egress-network-call@7': url('https://session.example/upload') },
  },
  'resolution/self_session.py': {
    egress: true,
    findings: ['egress-network-call@10'],
    destinations: { 'egress-network-call@10': url('https://self-session.example/push') },
  },
  'resolution/vendored_import.py': {
    egress: true,
    findings: ['egress-network-call@5'],
    destinations: { 'egress-network-call@5': url('https://vendored.example/simple/') },
  },
  // constant folding
  'folding/concatenation.py': {
    egress: true,
    findings: ['egress-network-call@8'],
    destinations: { 'egress-network-call@8': url('https://concat.example/api/v2/events') },
  },
  'folding/fstring.py': {
    egress: true,
    findings: ['egress-network-call@8'],
    destinations: {
      'egress-network-call@8': { url: 'https://fstring.example:8080/items/{…}', host: 'fstring.example', port: 8080 },
    },
  },
  'folding/str_format.py': {
    egress: true,
    findings: ['hardcoded-endpoint@3', 'egress-network-call@8'],
    destinations: { 'egress-network-call@8': url('https://format.example/v3/collect') },
  },
  'folding/percent_format.py': {
    egress: true,
    findings: ['egress-network-call@7'],
    destinations: { 'egress-network-call@7': url('https://percent.example/files/{…}') },
  },
  'folding/container_constants.py': {
    egress: true,
    findings: ['hardcoded-endpoint@4', 'egress-network-call@8', 'egress-network-call@9'],
    destinations: {
      'egress-network-call@8': url('https://dict.example/up'),
      'egress-network-call@9': url('https://mirror1.example/'),
    },
  },
  'folding/socket_built_port.py': {
    egress: true,
    findings: ['egress-network-call@9'],
    destinations: { 'egress-network-call@9': { host: '192.0.2.77', port: 1337, kind: 'ip-literal' } },
  },
  // telemetry SDKs
  'telemetry/sentry_dsn.py': {
    egress: true,
    findings: ['telemetry-sdk@1', 'hardcoded-api-key@3', 'hardcoded-endpoint@3', 'telemetry-call@5'],
    destinations: { 'hardcoded-api-key@3': { host: 'o1.ingest.sentry.invalid' } },
  },
  'telemetry/posthog_key.py': {
    egress: true,
    findings: [
      'telemetry-sdk@1',
      'telemetry-call@3',
      'hardcoded-api-key@3',
      'hardcoded-endpoint@3',
      'telemetry-call@7',
    ],
  },
  'telemetry/mixpanel_track.py': {
    egress: true,
    findings: ['telemetry-sdk@1', 'telemetry-call@5', 'telemetry-call@6'],
  },
  'telemetry/segment_analytics.py': { egress: true, findings: ['telemetry-sdk@1', 'telemetry-call@5'] },
  'telemetry/amplitude_track.py': {
    egress: true,
    findings: ['telemetry-sdk@1', 'telemetry-call@5', 'telemetry-call@6'],
  },
  'telemetry/datadog_init.py': { egress: true, findings: ['telemetry-sdk@1', 'telemetry-call@5', 'telemetry-call@6'] },
  'telemetry/otel_exporter.py': {
    egress: true,
    findings: ['telemetry-sdk@1', 'telemetry-call@5', 'hardcoded-endpoint@5'],
    destinations: { 'hardcoded-endpoint@5': url('https://otel.example/v1/traces') },
  },
  // keys, DSNs and endpoints
  'secrets/aws_key.py': { egress: true, findings: ['hardcoded-api-key@3', 'egress-network-call@7'] },
  'secrets/posthog_key_only.py': { egress: true, findings: ['hardcoded-api-key@1'] },
  'secrets/sentry_dsn_only.py': {
    egress: true,
    findings: ['hardcoded-api-key@2', 'hardcoded-endpoint@2'],
    destinations: { 'hardcoded-api-key@2': { host: 'o1.ingest.sentry.invalid' } },
  },
  'secrets/discord_webhook.py': {
    egress: true,
    risk: 'medium',
    findings: ['egress-network-call@7'],
    destinations: { 'egress-network-call@7': { host: 'discord.example', kind: 'discord-webhook' } },
  },
  'secrets/telegram_bot.py': {
    egress: true,
    risk: 'high',
    findings: ['egress-network-call@7'],
    destinations: { 'egress-network-call@7': { host: 'telegram.example', kind: 'telegram-bot' } },
  },
  // an address a module constant defines on import and a function uses when called: low, like one in a function
  'secrets/endpoint_used.py': {
    risk: 'low',
    egress: false,
    findings: ['hardcoded-endpoint@1', 'hardcoded-endpoint@1'],
    destinations: { 'hardcoded-endpoint@1': { host: 'mirror-a.example' } },
  },
  'secrets/ip_in_function.py': {
    egress: false,
    risk: 'low',
    findings: ['hardcoded-endpoint@2'],
    destinations: { 'hardcoded-endpoint@2': { host: '203.0.113.53', kind: 'ip-literal' } },
  },
  // processes that reach the network
  'process/subprocess_curl.py': {
    egress: true,
    findings: ['process-network-tool@5'],
    destinations: { 'process-network-tool@5': url('https://upload.example/in') },
  },
  'process/os_system_wget.py': {
    egress: true,
    findings: ['process-network-tool@5'],
    destinations: { 'process-network-tool@5': url('https://tools.example/tool') },
  },
  'process/os_popen_nc.py': { egress: true, findings: ['process-network-tool@5'] },
  'process/powershell_iwr.py': {
    egress: true,
    findings: ['process-network-tool@5'],
    destinations: { 'process-network-tool@5': url('https://ps.example/a.exe') },
  },
  'process/powershell_enc.py': {
    egress: true,
    risk: 'high',
    findings: ['powershell-encoded-command@5'],
    destinations: { 'powershell-encoded-command@5': url('https://ps2.example/p.ps1') },
  },
  'process/curl_pipe_sh.py': {
    egress: true,
    risk: 'high',
    findings: ['download-execute@5'],
    destinations: { 'download-execute@5': url('https://get.example/install.sh') },
  },
  'process/reverse_shell_dup2.py': {
    egress: true,
    risk: 'critical',
    findings: ['egress-network-call@5', 'reverse-shell@7', 'process-launch-payload@8'],
    destinations: { 'egress-network-call@5': { host: '192.0.2.66', port: 4444 } },
  },
  'process/reverse_shell_loop.py': {
    egress: true,
    risk: 'critical',
    findings: ['egress-network-call@5', 'reverse-shell@5', 'process-spawn@8'],
  },
  'process/git_describe.py': { egress: false, findings: ['process-spawn@5'] },
  'process/silent_process.py': { egress: false, findings: ['silent-process@5'] },
  // hiding: decoded payloads are rescanned as FILE#decoded-1
  'hiding/exec_base64.py': {
    egress: true,
    risk: 'critical',
    findings: ['exec-decoded-payload@3'],
    decoded: { findings: ['egress-network-call@2'], host: 'stage2.example' },
  },
  'hiding/exec_zlib_base64.py': {
    egress: true,
    risk: 'critical',
    findings: ['exec-decoded-payload@5'],
    decoded: { findings: ['egress-network-call@2'], host: 'stage2.example' },
  },
  'hiding/exec_lzma_base64.py': {
    egress: true,
    risk: 'critical',
    findings: ['exec-decoded-payload@5'],
    decoded: { findings: ['egress-network-call@2'], host: 'stage2.example' },
  },
  'hiding/exec_rot13.py': {
    egress: true,
    risk: 'critical',
    findings: ['exec-decoded-payload@3'],
    decoded: { findings: ['egress-network-call@2'], host: 'stage2.example' },
  },
  'hiding/exec_hex.py': {
    egress: true,
    risk: 'critical',
    findings: ['exec-decoded-payload@1'],
    decoded: { findings: ['egress-network-call@2'], host: 'stage2.example' },
  },
  'hiding/exec_fernet.py': {
    egress: true,
    risk: 'critical',
    findings: ['exec-decoded-payload@4'],
    decoded: { findings: ['egress-network-call@2'], host: 'stage2.example' },
  },
  'hiding/exec_chr_join.py': {
    egress: true,
    risk: 'critical',
    findings: ['exec-decoded-payload@1'],
    decoded: { findings: ['download-execute@1'], host: 'chr.example' },
  },
  'hiding/exec_reversed.py': {
    egress: true,
    risk: 'critical',
    findings: ['exec-decoded-payload@1'],
    decoded: { findings: ['egress-network-call@1'], host: 'reversed.example' },
  },
  'hiding/exec_network_response.py': {
    egress: true,
    risk: 'high',
    findings: ['download-execute@5', 'egress-network-call@5'],
  },
  'hiding/obfuscated_builtin.py': {
    egress: false,
    risk: 'high',
    findings: ['obfuscated-builtin@5', 'dynamic-code-exec@5'],
  },
  'hiding/marshal_exec.py': { egress: false, risk: 'low', findings: ['exec-marshal@5', 'marshal-code@5'] },
  'hiding/hidden_code.py': {
    egress: true,
    risk: 'critical',
    findings: ['hidden-code@1', 'process-network-tool@1'],
    destinations: { 'process-network-tool@1': url('https://hidden.example/x') },
  },
  'hiding/persistence_run_key.py': { egress: false, risk: 'medium', findings: ['persistence@3'] },
  'hiding/persistence_crontab.py': { egress: false, risk: 'medium', findings: ['persistence@5', 'process-spawn@6'] },
  // data flow from secrets to the network
  // self.snapshot = dict(os.environ) in __init__, sent by flush(); Reporter().flush() runs at import
  'flow/self_attribute_method.py': {
    egress: true,
    risk: 'critical',
    findings: ['env-read@7', 'egress-network-call@10', 'exfiltration@10'],
    destinations: { 'exfiltration@10': url('https://collector.invalid/in') },
  },
  'flow/env_to_requests.py': {
    egress: true,
    risk: 'high',
    findings: ['env-read@7', 'egress-network-call@8', 'exfiltration@8'],
    destinations: { 'exfiltration@8': url('https://exfil.example/env') },
  },
  'flow/through_helper.py': {
    egress: true,
    risk: 'high',
    findings: ['egress-network-call@9', 'exfiltration@14'],
    destinations: { 'exfiltration@14': url('https://helper.example/c') },
  },
  'flow/aws_credentials_file.py': {
    egress: true,
    risk: 'high',
    findings: ['sensitive-file-access@7', 'egress-network-call@9', 'exfiltration@9'],
  },
  'flow/secret_env_webhook.py': {
    egress: true,
    risk: 'critical',
    findings: ['env-read@6', 'egress-network-call@7', 'exfiltration@7'],
    destinations: { 'exfiltration@7': { kind: 'discord-webhook' } },
  },
  'flow/user_config_to_api.py': { egress: true, risk: 'low', findings: ['egress-network-call@5'] },
  // install and start-up hooks
  'install/cmdclass/setup.py': {
    egress: true,
    risk: 'high',
    findings: ['egress-network-call@9', 'install-hook-cmdclass@12'],
  },
  'install/env-setup/setup.py': {
    egress: true,
    risk: 'critical',
    findings: ['env-read@6', 'egress-network-call@7', 'exfiltration@7'],
  },
  'install/pth-loader/demo_loader.pth': {
    egress: true,
    risk: 'critical',
    findings: ['pth-executes-code@1', 'exec-decoded-payload@1'],
    decoded: { findings: ['egress-network-call@2'], host: 'pth.example' },
  },
  'install/pth-paths/demo_paths.pth': { egress: false, risk: 'none', findings: [] },
  'install/startup/sitecustomize.py': {
    egress: true,
    risk: 'critical',
    findings: ['egress-network-call@4', 'env-read@5', 'exfiltration@5'],
  },
  // broken input is still analysed, and marked partial
  'broken/syntax_error.py': {
    egress: true,
    partial: true,
    findings: ['egress-network-call@9'],
    destinations: { 'egress-network-call@9': url('https://after-error.example/status') },
  },
  'broken/python2_urllib2.py': {
    egress: true,
    partial: true,
    findings: ['egress-network-call@11'],
    destinations: { 'egress-network-call@11': url('https://py2.example/feed') },
  },
  // look-alikes: no egress
  'not-egress/comments_docstrings.py': { egress: false, risk: 'none', findings: [] },
  'not-egress/unused_metadata_url.py': { egress: false, risk: 'none', findings: [] },
  'not-egress/urllib_parse.py': { egress: false, risk: 'none', findings: [] },
  'not-egress/socket_path_variable.py': { egress: false, risk: 'none', findings: [] },
  'not-egress/user_class_post.py': { egress: false, risk: 'none', findings: [] },
  'not-egress/unix_socket.py': { egress: false, findings: ['network-import@1'] },
  'not-egress/localhost.py': { egress: false, findings: ['network-import@1', 'network-import@3'] },
  'not-egress/messages_and_comparisons.py': { egress: false, risk: 'none', findings: [] },
  'not-egress/xml_namespace.py': { egress: false, risk: 'none', findings: [] },
  'not-egress/placeholder_keys.py': { egress: false, risk: 'none', findings: [] },
  'not-egress/pure_computation.py': { egress: false, risk: 'none', findings: [] },
  'not-egress/compile_chr.py': { egress: false, risk: 'info', findings: ['dynamic-code-exec@3'] },
  'not-egress/dup2_descriptors.py': { egress: false, risk: 'info', findings: ['network-import@2', 'process-spawn@19'] },
  'not-egress/reserved_addresses.py': { egress: false, risk: 'none', findings: [] },
  'not-egress/exception_import.py': { egress: false, findings: ['network-import@1'] },
};

const key = (finding: { rule: string; line: number }) => `${finding.rule}@${finding.line}`;
const sorted = (items: string[]) => [...items].sort();

function checkDestination(file: FileReport, id: string, expected: Destination): void {
  const finding = file.findings.find((f) => key(f) === id && f.destination);
  assert.ok(finding?.destination, `${file.path}: ${id} has a destination`);
  for (const [field, value] of Object.entries(expected)) {
    assert.equal(finding.destination[field as keyof Destination], value, `${file.path}: ${id} destination ${field}`);
  }
}

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureFiles(path);
    return /\.(py|pth)$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

describe('rule fixtures through the CLI', () => {
  test('every fixture file has an expectation', () => {
    assert.deepEqual(sorted(fixtureFiles(ROOT)), sorted(Object.keys(CASES)));
  });

  for (const [fixture, expected] of Object.entries(CASES)) {
    test(fixture, async () => {
      const { result } = await scanJson(fixture, ROOT);
      assert.equal(result.targets.length, 1);
      const target = result.targets[0];
      const [file, ...rest] = target.files;
      assert.equal(file.egress, expected.egress, `egress verdict of ${fixture}`);
      // a .pth file without import lines holds no code, hence no verdict
      if (file.kind === 'python' || file.verdict !== undefined)
        assert.equal(file.verdict, expected.egress ? EGRESS_VERDICT : NO_EGRESS_VERDICT);
      assert.deepEqual(sorted(file.findings.map(key)), sorted(expected.findings), `findings of ${fixture}`);
      for (const [id, destination] of Object.entries(expected.destinations ?? {}))
        checkDestination(file, id, destination);
      assert.equal(file.partial, expected.partial ?? false, `partial: ${JSON.stringify(file.partialReasons)}`);
      if (expected.risk) assert.equal(target.risk, expected.risk, `risk of ${fixture}: ${target.reasons.join(' | ')}`);
      // a file without outbound logic may name an endpoint (hardcoded-endpoint), but carries no network call above info
      if (!expected.egress) {
        const calls = file.findings.filter(
          (f) => f.severity !== 'info' && f.capability === 'network' && f.rule !== 'hardcoded-endpoint',
        );
        assert.deepEqual(calls.map(key), [], `network findings above info in the non-egress ${fixture}`);
      }
      if (expected.decoded) {
        assert.equal(rest.length, 1, 'one decoded virtual file');
        const decoded = rest[0];
        assert.equal(decoded.path, `${file.path}#decoded-1`);
        assert.equal(decoded.kind, 'decoded');
        assert.ok(decoded.egress);
        assert.deepEqual(sorted(decoded.findings.map(key)), sorted(expected.decoded.findings));
        assert.ok(decoded.findings.some((f) => f.destination?.host === expected.decoded!.host));
        assert.ok(decoded.findings.every((f) => f.origin?.path === file.path));
      } else {
        assert.equal(rest.length, 0, `no decoded files for ${fixture}`);
      }
    });
  }
});
