import * as z from 'zod';

/**
 * zod's own messages are English only ("Invalid option"); vendors' developers and the
 * province's administrators read ours, so every message is Vietnamese / English. This map
 * fills in the generic checks (types, enums, lengths, formats); a message a schema sets itself
 * (the code formats in codes.ts) still wins, as zod's precedence puts schema-level errors
 * above the global map (https://zod.dev/error-customization#error-precedence).
 */
export function bilingualIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Trường bắt buộc / Required field is missing';
      if (issue.expected === 'int' && typeof issue.input === 'number')
        return 'Phải là số nguyên / Must be a whole number';
      return `Sai kiểu dữ liệu, cần ${vietnameseType[issue.expected] ?? issue.expected} / Wrong type: expected ${issue.expected}, received ${typeOf(issue.input)}`;
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value)).join(', ');
      return issue.values.length === 1
        ? `Giá trị phải là ${values} / Must be ${values}`
        : `Giá trị không hợp lệ, chỉ nhận: ${values} / Invalid value: expected one of ${values}`;
    }
    case 'too_big':
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive !== false);
    case 'too_small':
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case 'invalid_format':
      return invalidFormat(issue.format, 'pattern' in issue ? issue.pattern : undefined);
    case 'unrecognized_keys':
      return `Trường không được hỗ trợ / Unknown field: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'Không khớp dạng nào được phép / Matches none of the allowed shapes';
    case 'not_multiple_of':
      return `Phải là bội số của ${issue.divisor} / Must be a multiple of ${issue.divisor}`;
    default:
      return undefined;
  }
}

const vietnameseType: Record<string, string> = {
  string: 'chuỗi',
  number: 'số',
  int: 'số nguyên',
  boolean: 'true hoặc false',
  object: 'đối tượng',
  array: 'mảng',
};

function typeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

function tooBig(origin: string, maximum: number, inclusive: boolean): string {
  if (origin === 'string')
    return `Quá dài: tối đa ${maximum} ký tự / Too long: at most ${maximum} characters`;
  if (origin === 'array') return `Quá nhiều phần tử: tối đa ${maximum} / Too many items: at most ${maximum}`;
  return inclusive
    ? `Quá lớn: tối đa ${maximum} / Too large: at most ${maximum}`
    : `Phải nhỏ hơn ${maximum} / Must be less than ${maximum}`;
}

function tooSmall(origin: string, minimum: number, inclusive: boolean): string {
  if (origin === 'string')
    return minimum <= 1
      ? 'Không được để trống / Must not be empty'
      : `Quá ngắn: tối thiểu ${minimum} ký tự / Too short: at least ${minimum} characters`;
  if (origin === 'array') return `Cần ít nhất ${minimum} phần tử / At least ${minimum} item(s) required`;
  return inclusive
    ? `Phải từ ${minimum} trở lên / Must be at least ${minimum}`
    : `Phải lớn hơn ${minimum} / Must be greater than ${minimum}`;
}

function invalidFormat(format: string, pattern: string | undefined): string {
  switch (format) {
    case 'email':
      return 'Địa chỉ email không hợp lệ / Invalid email address';
    case 'url':
      return 'Đường dẫn không hợp lệ / Invalid URL: http(s) expected';
    case 'datetime':
      return 'Thời gian không hợp lệ / Invalid date-time';
    case 'regex':
      return `Sai định dạng / Invalid format: must match ${pattern ?? 'the documented pattern'}`;
    default:
      return `Sai định dạng ${format} / Invalid ${format}`;
  }
}

z.config({ customError: bilingualIssueMessage });
