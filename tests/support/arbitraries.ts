import fc from 'fast-check';
import { dossierStatuses } from '../../contracts/dossier-status';
import type { DossierSubmission, StatusChange } from '../../contracts/provincial-api';

/**
 * fast-check arbitraries of valid wire values: every value they generate is what the contract's
 * schema would return for it (texts already trimmed), so a property can compare after parsing.
 */

const digits = (length: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length }).map((d) => d.join(''));

const vietnameseLetters = [
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxy',
  ...'AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY',
  ...'àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ',
  ...'ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ',
];
/** Vietnamese letters (precomposed, and decomposed: a base letter plus a combining tone mark), digits, punctuation, inner whitespace. */
const vietnameseUnit = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...vietnameseLetters) },
  { weight: 1, arbitrary: fc.constantFrom('a\u0301', 'e\u0323', 'o\u0309', 'u\u0303', 'i\u0300') },
  { weight: 3, arbitrary: fc.constantFrom(' ', ' ', '\n', '\t') },
  { weight: 2, arbitrary: fc.constantFrom(...'0123456789.,;:-/()"\'&%') },
);

/** A text as the provincial contract returns it: trimmed, not blank, at most `max` UTF-16 units. */
export const vietnameseText = (max: number) =>
  fc
    .array(vietnameseUnit, { minLength: 1, maxLength: Math.min(max, 60) })
    .map((units) => units.join('').trim().slice(0, max).trim())
    .filter((text) => text.length > 0);

/** Sometimes a text at its full length, to reach the limits. */
const textUpTo = (max: number) =>
  fc.oneof(
    { weight: 4, arbitrary: vietnameseText(max) },
    { weight: 1, arbitrary: fc.constantFrom('ệ', 'x').map((letter) => letter.repeat(max)) },
  );

export const agencyCode = fc
  .tuple(digits(3), digits(2), digits(2), fc.constantFrom('H', 'G'), digits(2))
  .map(([a, b, c, level, n]) => `${a}.${b}.${c}.${level}${n}`);

const dayOfCentury = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(2, 10).replaceAll('-', ''));

export const dossierCodeOf = (agency: string) =>
  fc.tuple(dayOfCentury, digits(4)).map(([day, sequence]) => `${agency}-${day}-${sequence}`);

export const procedureCode = fc
  .tuple(digits(1), digits(6), fc.option(fc.tuple(fc.constantFrom('H', 'G'), digits(2)), { nil: undefined }))
  .map(([a, b, agency]) => `${a}.${b}${agency ? `.000.00.00.${agency[0]}${agency[1]}` : ''}`);

export const fieldCode = fc
  .tuple(digits(2), fc.constantFrom('GD', 'HT', 'TP', 'XD', 'DD'), digits(2))
  .map(([group, letters, n]) => `G${group}-${letters}${n}`);

export const personalId = fc.oneof(digits(12), digits(9));

export const phone = fc
  .tuple(fc.constantFrom('0', '+84'), fc.constantFrom(...'123456789'), fc.oneof(digits(8), digits(9)))
  .map(([prefix, first, rest]) => `${prefix}${first}${rest}`);

const lowerWord = (max: number) =>
  fc
    .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), { minLength: 1, maxLength: max })
    .map((letters) => letters.join(''));

export const email = fc
  .tuple(
    fc.array(lowerWord(10), { minLength: 1, maxLength: 3 }),
    lowerWord(12),
    fc.constantFrom('vn', 'gov.vn', 'com'),
  )
  .map(([local, domain, tld]) => `${local.join('.')}@${domain}.${tld}`);

export const httpUrl = fc
  .tuple(fc.constantFrom('http', 'https'), lowerWord(12), fc.array(lowerWord(10), { maxLength: 4 }))
  .map(([scheme, host, segments]) => `${scheme}://${host}.example.vn/${segments.join('/')}`);

const VIETNAM_OFFSET_MINUTES = 7 * 60;
const wallYear = (instantMs: number, offsetMinutes: number) =>
  new Date(instantMs + offsetMinutes * 60_000).getUTCFullYear();

/** ISO 8601 in the given offset, `Z` for 0 when asked; milliseconds only when there are some. */
function isoInOffset(instantMs: number, offsetMinutes: number, zulu: boolean): string {
  const wall = new Date(instantMs + offsetMinutes * 60_000).toISOString();
  const seconds = instantMs % 1000 === 0 ? wall.slice(0, 19) : wall.slice(0, 23);
  if (zulu && offsetMinutes === 0) return `${seconds}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${seconds}${sign}${hours}:${minutes}`;
}

const YEAR_0_IN_VIETNAM = Date.parse('0000-01-01T00:00:00+07:00');
const YEAR_9999_IN_VIETNAM = Date.parse('9999-12-31T23:59:59.999+07:00');

/** Instants the contract accepts: years 0000-9999 in Vietnam, mostly this century, some with milliseconds. */
const instant = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.integer({
      min: Date.parse('2000-01-01T00:00:00Z'),
      max: Date.parse('2100-01-01T00:00:00Z'),
    }),
  },
  { weight: 1, arbitrary: fc.integer({ min: YEAR_0_IN_VIETNAM, max: YEAR_9999_IN_VIETNAM }) },
);
const wholeSecondsMostly = (ms: number) => fc.boolean().map((keep) => (keep ? ms : ms - (ms % 1000)));

/** An ISO time with some offset (including Z and +07:00) that names the given instant. */
export const isoTimeOf = (instantMs: number) =>
  fc
    .tuple(
      fc.oneof(
        fc.constant(VIETNAM_OFFSET_MINUTES),
        fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15),
      ),
      fc.boolean(),
    )
    .filter(([offset]) => wallYear(instantMs, offset) >= 0 && wallYear(instantMs, offset) <= 9999)
    .map(([offset, zulu]) => isoInOffset(instantMs, offset, zulu));

export const isoTime = instant.chain(wholeSecondsMostly).chain(isoTimeOf);

/** receivedAt, then a dueAt not before it (DossierSubmission requires it). */
const receivedAndDue = instant.chain(wholeSecondsMostly).chain((received) =>
  fc
    .integer({ min: 0, max: 400 * 24 * 3600 })
    .map((seconds) => Math.min(received + seconds * 1000, YEAR_9999_IN_VIETNAM))
    .chain((due) => fc.tuple(isoTimeOf(received), isoTimeOf(due))),
);

const statusName = fc.constantFrom(...dossierStatuses.map((status) => status.name));

/** Optional field: present or left out (never `undefined`, which JSON cannot carry). */
const optional = <K extends string, T>(key: K, arbitrary: fc.Arbitrary<T>) =>
  fc
    .option(arbitrary, { nil: undefined })
    .map((value) => (value === undefined ? {} : { [key]: value })) as fc.Arbitrary<Partial<Record<K, T>>>;

/** A list of up to three records with these fields, or no key at all. */
const optionalList = <K extends string, T>(key: K, item: { [F in keyof T]: fc.Arbitrary<T[F]> }) =>
  optional(key, fc.array(fc.record(item), { maxLength: 3 }));

const applicant = fc
  .tuple(
    fc.constantFrom('citizen', 'business', 'agency', 'organisation'),
    textUpTo(200),
    optional('idNumber', personalId),
    optional('phone', phone),
    optional('email', email),
    optional('address', textUpTo(500)),
  )
  .map(([type, name, ...rest]) => Object.assign({ type, name }, ...rest) as DossierSubmission['applicant']);

const document = fc
  .tuple(vietnameseText(100), textUpTo(300), httpUrl, optional('componentCode', vietnameseText(100)))
  .map(([id, name, url, componentCode]) => ({ id, name, url, ...componentCode }));

const fee = fc
  .tuple(
    vietnameseText(50),
    vietnameseText(300),
    fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
  )
  .map(([code, name, amount]) => ({ code, name, amount }));

/** A valid provincial dossier: codes of the right shapes, the dossier code starting with the agency. */
export const dossierSubmission: fc.Arbitrary<DossierSubmission> = agencyCode.chain((agency) =>
  fc
    .tuple(
      dossierCodeOf(agency),
      fc.integer({ min: 1, max: 1_000_000 }),
      procedureCode,
      textUpTo(500),
      fc.constantFrom('counter', 'online', 'post'),
      applicant,
      textUpTo(1000),
      receivedAndDue,
      statusName,
      fc.tuple(
        optional('fieldCode', fieldCode),
        optional('fieldName', textUpTo(300)),
        optional('documents', fc.array(document, { maxLength: 4 })),
        optional('fees', fc.array(fee, { maxLength: 4 })),
        optional('resultDelivery', fc.constantFrom('counter', 'post')),
        optional('note', textUpTo(2000)),
      ),
    )
    .map(
      ([
        dossierCode,
        version,
        procedure,
        procedureName,
        channel,
        who,
        summary,
        [receivedAt, dueAt],
        status,
        rest,
      ]) =>
        Object.assign(
          {
            dossierCode,
            version,
            agencyCode: agency,
            procedureCode: procedure,
            procedureName,
            channel,
            applicant: who,
            summary,
            receivedAt,
            dueAt,
            status,
          },
          ...rest,
        ) as DossierSubmission,
    ),
);

/** A valid status change at the desk. */
export const statusChange: fc.Arbitrary<StatusChange> = fc
  .tuple(
    vietnameseText(100),
    statusName,
    isoTime,
    textUpTo(50),
    optional('title', textUpTo(100)),
    optional('department', textUpTo(200)),
    optional('note', textUpTo(2000)),
    optional('dueAt', isoTime),
  )
  .map(([eventId, status, at, name, title, department, note, dueAt]) => ({
    eventId,
    status,
    at,
    handledBy: { name, ...title, ...department },
    ...note,
    ...dueAt,
  }));

/** Any Unicode text within `max` UTF-16 units, blanks and surrounding spaces included. */
const anyText = (max: number) =>
  fc.string({ unit: 'grapheme', maxLength: Math.min(max, 40) }).filter((text) => text.length <= max);
const nationalTimestamp = fc
  .integer({ min: Date.parse('0000-01-01T00:00:00Z'), max: Date.parse('9999-12-31T23:59:59Z') })
  .map((ms) => new Date(ms).toISOString().slice(0, 19).replace(/[-T:]/g, ''));
/** The portal writes its flags as "0"/"1" [TH] or "True"/"False" [OCPS IsDeleted]. */
const flag = fc.constantFrom('0', '1', 'True', 'False');
/** A record as the portal writes it, before the gateway reads it (tolerantly). */
export type PortalRecord = Record<string, unknown>;
const code = <T extends string>(...values: T[]) => fc.constantFrom(...values);

/**
 * Any dossier record the portal may write, junk included where its format is free text, "" for
 * what it does not know, numbers where it means strings, a unit's name or code in DonViXuLy:
 * whether the gateway reads it and the province can be told about it is what the property under
 * test decides.
 */
export const nationalDossier: fc.Arbitrary<PortalRecord> = agencyCode.chain((agency) =>
  fc
    .tuple(
      fc.record({
        MaHoSo: fc.oneof(dossierCodeOf(agency), agencyCode.chain(dossierCodeOf)),
        MaTTHC: procedureCode,
        TenTTHC: fc.oneof(
          textUpTo(500),
          anyText(600).filter((text) => text.length > 0),
        ),
        KenhThucHien: code('1', '2', '3'),
        ChuHoSo: fc.oneof(
          textUpTo(200),
          anyText(300).filter((text) => text.length > 0),
        ),
        LoaiDoiTuong: code('1', '2', '3', '4'),
        TrichYeuHoSo: fc.oneof(
          textUpTo(1000),
          anyText(1000).filter((text) => text.length > 0),
        ),
        NgayTiepNhan: nationalTimestamp,
        NgayHenTra: nationalTimestamp,
        TrangThaiHoSo: fc.oneof(
          code('1', '2', '3', '4', '5', '6', '7', '8', '9', '10'),
          fc.integer({ min: 1, max: 10 }),
        ),
        HinhThuc: code('0', '1'),
      }),
      fc.tuple(
        optional('DonViXuLy', fc.oneof(fc.constant(agency), textUpTo(300), fc.constant(''))),
        optional('NgayTra', fc.oneof(nationalTimestamp, fc.constant(''))),
        optional('NgayKetThucXuLy', fc.oneof(nationalTimestamp, fc.constant(''))),
        optional('MaDoiTuong', fc.oneof(anyText(50), fc.constant(''))),
        optional('TaiKhoanDuocXacThucVoiVNeID', flag),
        optional('MaLinhVuc', fc.oneof(fieldCode, anyText(20))),
        optional('TenLinhVuc', anyText(300)),
        optional('SoGiayToChuHoSo', fc.oneof(personalId, anyText(20))),
        optional(
          'DinhDanhCHS',
          fc.array(
            fc.oneof(
              digits(12).map((id) => ({ LoaiDinhDanh: '1' as const, SoDinhDanh: id })),
              digits(9).map((id) => ({ LoaiDinhDanh: '2' as const, SoDinhDanh: id })),
              digits(10).map((id) => ({ LoaiDinhDanh: '1' as const, SoDinhDanh: id })),
            ),
            { maxLength: 2 },
          ),
        ),
        optional('Email', fc.oneof(email, anyText(30))),
        optional('SoDienThoai', fc.oneof(phone, anyText(15))),
        optional('ThongTinKhac', fc.oneof(textUpTo(500), anyText(2000))),
        optional('GhiChu', fc.oneof(textUpTo(2000), anyText(2000))),
        optionalList('TaiLieuNop', {
          TepDinhKemId: fc.oneof(vietnameseText(100), anyText(10)),
          TenTepDinhKem: fc.oneof(textUpTo(300), anyText(10)),
          IsDeleted: flag,
          DuongDanTaiTepTin: fc.oneof(httpUrl, anyText(20)),
          DuocSoHoa: flag,
          DuocTaiSuDung: fc.constantFrom('0', '1', '2'),
          DuocLayTuKhoDMQG: flag,
        }),
        optionalList('DanhSachLePhi', {
          TenPhiLePhi: fc.oneof(vietnameseText(300), anyText(10)),
          MaPhiLePhi: fc.oneof(vietnameseText(50), anyText(10)),
          HinhThucThu: fc.constant('1'),
          Gia: fc.oneof(fc.integer({ min: 0, max: 10_000_000 }).map(String), digits(20)),
          LoaiPhiLePhi: fc.constant('1'),
        }),
      ),
    )
    .map(([required, optionals]): PortalRecord => Object.assign({ ...required }, ...optionals)),
);

/** Any progress row the portal may push. */
export const nationalProgressRow: fc.Arbitrary<PortalRecord> = agencyCode
  .chain(dossierCodeOf)
  .chain((MaHoSo) =>
    fc
      .tuple(
        anyText(50).filter((text) => text.length > 0),
        nationalTimestamp,
        code('1', '2', '3', '4', '5', '6', '7', '8', '9', '10'),
        optional('ChucDanh', anyText(100)),
        optional('PhongBanXuLy', anyText(200)),
        optional('NoiDungXuLy', anyText(2000)),
        optional('NgayBatDau', nationalTimestamp),
        optional('NgayKetThucTheoQuyDinh', nationalTimestamp),
      )
      .map(([NguoiXuLy, ThoiDiemXuLy, TrangThai, ...rest]) =>
        Object.assign({ MaHoSo, NguoiXuLy, ThoiDiemXuLy, TrangThai }, ...rest),
      ),
  );
