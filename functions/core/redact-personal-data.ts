/**
 * Redacts personal data (Nghị định 13/2023/NĐ-CP) before it leaves the gateway in a log line
 * or an error body: stricter than the admin console's display masking
 * (mask-personal-data.ts), which keeps a hint of each value for administrators. Two nets,
 * because neither catches everything alone:
 *
 * - by key: a value under a key that names personal data or a credential is masked whole,
 *   at any depth (`applicant.idNumber`, `SoDinhDanh`, `ChuHoSo`, `client_secret`);
 * - by pattern: inside every other string, 12-digit CCCD and 9-digit CMND numbers,
 *   Vietnamese phone numbers and e-mail addresses are masked wherever they appear (a portal's
 *   error message that echoes a field, a path an attacker chose).
 *
 * Names and addresses have no pattern: they are caught by key only, so free text that quotes
 * a name (a rejection message, a note) is not masked. SECURITY.md lists this.
 */

/** Compared after lower-casing and dropping `_`, `-` and spaces: `id_number` = `idNumber`. */
const personalKeys = new Set([
  // provincial API (contracts/provincial-api.ts) and payments
  'idnumber',
  'phone',
  'phonenumber',
  'email',
  'name',
  'fullname',
  'address',
  'payer',
  // national wire format (contracts/national-portal.ts)
  'sodinhdanh',
  'sogiaytochuhoso',
  'sodienthoai',
  'chuhoso',
  'hotennguoinop',
  'socmndnguoinop',
  'diachi',
  'diachinguoinop',
  'dinhdanhchs',
  'madoituong',
  'nguoixuly',
  'fax',
  'hoten',
  'cccd',
  'cmnd',
  // free text that carries personal data in practice: the gateway itself maps the applicant's
  // address to ThongTinKhac, and summaries and notes name people
  'thongtinkhac',
  'trichyeuhoso',
  'summary',
  'note',
  'ghichu',
  'noidungxuly',
  // credentials: never personal, never loggable either
  'password',
  'secret',
  'clientsecret',
  'authorization',
  'accesstoken',
  'token',
  'session',
  'cookie',
]);

const MASK = '***';

// Digits not glued to letters, digits, dots or hyphens: a dossier code (000.00.12.H12-250314-0007),
// a national timestamp (20250314083000) or a UUID segment is not an ID number.
const idNumberPattern = /(?<![\w.-])(?:\d{12}|\d{9})(?![\w-]|\.\d)/g;
// 0 or +84/84, then 9 or 10 digits, optionally grouped by spaces, dots or hyphens (0912 345 678).
const phonePattern = /(?<![\w.+-])(?:\+84|84|0)(?:[ .-]?\d){9,10}(?![\w-]|\.\d)/g;
const emailPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** Keeps the last three digits, which is what a support desk asks a citizen to confirm. */
function maskDigits(match: string): string {
  return `${MASK}${match.replace(/\D/g, '').slice(-3)}`;
}

function maskEmail(match: string): string {
  const at = match.indexOf('@');
  return `${match.slice(0, 1)}${MASK}${match.slice(at)}`;
}

/** Masks ID numbers, phone numbers and e-mail addresses inside free text. */
export function redactText(text: string): string {
  return text
    .replace(emailPattern, maskEmail)
    .replace(phonePattern, maskDigits)
    .replace(idNumberPattern, maskDigits);
}

export function isPersonalKey(key: string): boolean {
  return personalKeys.has(key.toLowerCase().replace(/[\s_-]/g, ''));
}

function maskWhole(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return value;
  if (typeof value === 'string' && /^[\d\s.+-]{9,}$/.test(value)) return maskDigits(value);
  return MASK;
}

/** Deeper than any wire format nests; past it a value is masked whole rather than walked. */
const MAX_DEPTH = 12;

/**
 * A masked deep copy of `value`: personal keys masked whole, every other string by pattern.
 * Errors become plain records whose name (a class, not a person) is kept and whose text is
 * masked. Cycles and excessive depth end in a mask, never in a stack overflow.
 */
export function redactPersonalData(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const walk = (current: unknown, depth: number): unknown => {
    if (typeof current === 'string') return redactText(current);
    if (current === null || typeof current !== 'object') return current;
    if (seen.has(current) || depth > MAX_DEPTH) return MASK;
    seen.add(current);
    if (current instanceof Error) {
      const { name, message, stack, cause, ...attributes } = current as Error & Record<string, unknown>;
      return {
        name,
        message: redactText(message),
        ...(stack === undefined ? {} : { stack: redactText(stack) }),
        ...(cause === undefined ? {} : { cause: walk(cause, depth + 1) }),
        ...(walk(attributes, depth + 1) as Record<string, unknown>),
      };
    }
    if (current instanceof Date) return current.toISOString();
    if (Array.isArray(current)) return current.map((item) => walk(item, depth + 1));
    return Object.fromEntries(
      Object.entries(current).map(([key, nested]) => [
        redactText(key),
        isPersonalKey(key) ? maskWhole(nested) : walk(nested, depth + 1),
      ]),
    );
  };
  return walk(value, 0);
}
