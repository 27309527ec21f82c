// Machine code run from memory: a file that makes memory executable (VirtualAlloc/VirtualProtect, mprotect, an
// mmap with PROT_EXEC) and starts code there (a thread at an address, a ctypes function made from an address), the
// shape of shellcode loaders and process injection. Nothing Python does needs it; debuggers and memory editors do.
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import { type CallFact, callMatches } from '../facts.ts';
import { looksEncoded } from '../decode/detect.ts';

/** Windows and C library calls that make memory executable. */
const MAKES_EXECUTABLE =
  /(^|\.)(VirtualAlloc|VirtualAllocEx|VirtualProtect|VirtualProtectEx|NtAllocateVirtualMemory|NtProtectVirtualMemory|mprotect)$/;
/** Calls that start code at an address: a thread, an APC, a callback given a raw address. */
const STARTS_AT_ADDRESS =
  /(^|\.)(CreateThread|CreateRemoteThread|CreateRemoteThreadEx|NtCreateThreadEx|RtlCreateUserThread|QueueUserAPC|NtQueueApcThread|SetThreadContext|EnumSystemLocalesA|EnumSystemLocalesW|CreateFiber)$/;
/** ctypes function prototypes: called on an address, they make machine code callable from Python. */
const FUNCTION_FROM_ADDRESS = /(^|\.)(CFUNCTYPE|WINFUNCTYPE|PYFUNCTYPE)\(\)$/;
/** Writing into or running code in another process. */
const INJECTS =
  /(^|\.)(WriteProcessMemory|NtWriteVirtualMemory|CreateRemoteThread|CreateRemoteThreadEx|NtCreateThreadEx|QueueUserAPC|NtQueueApcThread)$/;
/** A bytes literal written as escapes: `b"\x48\x31\xc0..."`, machine code spelt out. */
const ESCAPED_BYTES = /^[bB][rR]?["']{1,3}(\\x[0-9a-fA-F]{2}){16}/;

/** mmap.mmap(..., prot=... PROT_EXEC ...): a mapping whose bytes can run. */
function executableMapping(call: CallFact): boolean {
  return call.paths.includes('mmap.mmap') && /PROT_EXEC|PAGE_EXECUTE/.test(call.node.text);
}

/** A constant that can be machine code: escaped bytes, or a long base64/hex blob. */
function hasPayloadConstant(ctx: FileContext): boolean {
  return ctx.facts.strings.some(
    (node) =>
      ESCAPED_BYTES.test(node.text) ||
      (node.text.length >= 64 && looksEncoded(node.text.replace(/^[bBrRuU]*["']+|["']+$/g, '')) !== null),
  );
}

export function memoryExecutionRules(ctx: FileContext): void {
  const executable = ctx.facts.calls.find((call) => callMatches(call, MAKES_EXECUTABLE) || executableMapping(call));
  if (!executable) return;
  const starts = ctx.facts.calls.find(
    (call) => callMatches(call, STARTS_AT_ADDRESS) || callMatches(call, FUNCTION_FROM_ADDRESS),
  );
  if (!starts) return;
  const injects = ctx.facts.calls.some((call) => callMatches(call, INJECTS));
  const payload = hasPayloadConstant(ctx);
  const weight = triggerWeight(ctx.triggers.triggerOf(starts.node));
  addFinding(ctx, starts.node, {
    rule: 'shellcode-loader',
    // debuggers and memory editors do this when their user asks; a package carrying the code it runs, or doing it
    // by itself, is a loader
    severity: raise(payload || weight > 0 ? 'high' : 'medium', weight > 0 ? 1 : 0),
    message: `${injects ? 'writes into another process and starts code there' : 'makes memory executable and starts code in it'} (${executable.paths[0]} then ${starts.paths[0]})${payload ? ', with machine code or an encoded blob written in the file' : ''}`,
    capability: 'process',
  });
}
