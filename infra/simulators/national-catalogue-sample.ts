/**
 * The catalogues the national portal simulator lists for the demo province H12, in the portal's
 * own row shapes (national-catalogues.ts of this kit). Generated, deterministically, from a short
 * list of real procedure names per field (the public national catalogue names them so) crossed
 * with the levels that carry out each one, which gives a few hundred procedures with Vietnamese
 * names, as a province's share of the catalogue has.
 */

export interface ProcedureRow {
  readonly MATTHC: string;
  readonly TENTTHC: string;
  readonly LINHVUCTHUCHIEN: readonly { readonly MALINHVUC: string; readonly TENLINHVUC: string }[];
}
export interface AgencyRow {
  readonly MADONVI: string;
  readonly TENDONVI: string;
  readonly CAPDONVI: string;
}
export interface FieldRow {
  readonly MALINHVUC: string;
  readonly TENLINHVUC: string;
  readonly MANGANH: string;
}

/** Fields (lĩnh vực) and a few of the real procedures filed under each. */
const proceduresByField: readonly (readonly [code: string, name: string, procedures: readonly string[]])[] = [
  [
    'G03-HT01',
    'Hộ tịch',
    [
      'Đăng ký khai sinh',
      'Đăng ký khai tử',
      'Đăng ký kết hôn',
      'Đăng ký nhận cha, mẹ, con',
      'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch',
      'Cấp bản sao trích lục hộ tịch',
      'Cấp Giấy xác nhận tình trạng hôn nhân',
      'Đăng ký giám hộ',
      'Đăng ký lại khai sinh',
      'Đăng ký khai sinh có yếu tố nước ngoài',
    ],
  ],
  [
    'G03-CT01',
    'Chứng thực',
    [
      'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
      'Chứng thực chữ ký trong các giấy tờ, văn bản',
      'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản',
      'Chứng thực di chúc',
      'Chứng thực văn bản thỏa thuận phân chia di sản',
    ],
  ],
  [
    'G09-DD01',
    'Đất đai',
    [
      'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
      'Cấp đổi Giấy chứng nhận quyền sử dụng đất',
      'Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất',
      'Chuyển mục đích sử dụng đất',
      'Đăng ký đất đai, tài sản gắn liền với đất lần đầu',
      'Tách thửa hoặc hợp thửa đất',
      'Gia hạn sử dụng đất',
    ],
  ],
  [
    'G10-XD01',
    'Hoạt động xây dựng',
    [
      'Cấp giấy phép xây dựng nhà ở riêng lẻ',
      'Cấp giấy phép sửa chữa, cải tạo công trình',
      'Điều chỉnh giấy phép xây dựng',
      'Gia hạn giấy phép xây dựng',
      'Cấp lại giấy phép xây dựng',
    ],
  ],
  [
    'G12-DK01',
    'Thành lập và hoạt động của hộ kinh doanh',
    [
      'Đăng ký thành lập hộ kinh doanh',
      'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
      'Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh',
      'Chấm dứt hoạt động hộ kinh doanh',
      'Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh',
    ],
  ],
  [
    'G13-GD01',
    'Giáo dục và Đào tạo',
    [
      'Cho phép trường tiểu học hoạt động giáo dục',
      'Thành lập nhóm trẻ, lớp mẫu giáo độc lập',
      'Chuyển trường đối với học sinh trung học cơ sở',
      'Xét tuyển sinh vào trung học cơ sở',
    ],
  ],
  [
    'G16-BT01',
    'Bảo trợ xã hội',
    [
      'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng',
      'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội',
      'Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật',
      'Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở',
    ],
  ],
  [
    'G17-NC01',
    'Người có công',
    [
      'Giải quyết chế độ trợ cấp thờ cúng liệt sĩ',
      'Cấp giấy xác nhận thân nhân của người có công',
      'Hưởng mai táng phí, trợ cấp một lần khi người có công từ trần',
    ],
  ],
  [
    'G09-MT01',
    'Môi trường',
    ['Đăng ký môi trường', 'Cấp giấy phép môi trường', 'Thẩm định báo cáo đánh giá tác động môi trường'],
  ],
  [
    'G18-VH01',
    'Văn hóa cơ sở',
    ['Công nhận gia đình văn hóa', 'Đăng ký tổ chức lễ hội', 'Thông báo tổ chức lễ hội'],
  ],
  [
    'G14-YT01',
    'An toàn thực phẩm',
    [
      'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
      'Cấp lại Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
    ],
  ],
  [
    'G19-GT01',
    'Đường bộ',
    ['Cấp giấy phép lái xe', 'Đổi giấy phép lái xe', 'Đăng ký xe máy chuyên dùng lần đầu'],
  ],
];

/** The level a procedure is carried out at; the plain name is listed once, then each level. */
const levels = [
  '',
  ' (cấp xã)',
  ' (cấp tỉnh)',
  ' - thực hiện trực tuyến toàn trình',
  ' - thực hiện trực tuyến một phần',
] as const;

/** The demo dossier's procedure keeps its real code (tests/support/fixtures.ts sends it). */
const KNOWN_CODES: Readonly<Record<string, string>> = { 'Đăng ký khai sinh': '1.010708.000.00.00.H12' };

/** A stable code per position: the province's `d.dddddd.000.00.00.H12` form. */
const codeAt = (index: number) => `1.${String(100_000 + index * 7).padStart(6, '0')}.000.00.00.H12`;

export function sampleFields(): FieldRow[] {
  return proceduresByField.map(([code, name]) => ({ MALINHVUC: code, TENLINHVUC: name, MANGANH: '' }));
}

export function sampleProcedures(): ProcedureRow[] {
  const rows: ProcedureRow[] = [];
  for (const [fieldCode, fieldName, names] of proceduresByField) {
    for (const name of names) {
      for (const level of levels) {
        const full = `${name}${level}`;
        rows.push({
          MATTHC: KNOWN_CODES[full] ?? codeAt(rows.length),
          TENTTHC: full,
          LINHVUCTHUCHIEN: [{ MALINHVUC: fieldCode, TENLINHVUC: fieldName }],
        });
      }
    }
  }
  return rows;
}

/** Units of the demo province (the codes the demo and the tests use), with their level. */
export function sampleAgencies(): AgencyRow[] {
  const units: readonly (readonly [string, string, string])[] = [
    ['000.00.00.H12', 'Ủy ban nhân dân tỉnh (demo H12)', '1'],
    ['000.00.10.H12', 'Sở Tư pháp (demo H12)', '2'],
    ['000.00.11.H12', 'Sở Nội vụ (demo H12)', '2'],
    ['000.00.13.H12', 'Sở Xây dựng (demo H12)', '2'],
    ['000.00.31.H12', 'Sở Nông nghiệp và Môi trường (demo H12)', '2'],
    ['000.00.12.H12', 'UBND phường Hoàn Kiếm (demo)', '3'],
    ['000.00.41.H12', 'UBND xã mới (demo, sau hợp nhất)', '3'],
    ['000.00.42.H12', 'UBND phường Ba Đình (demo, sau hợp nhất)', '3'],
    ['000.34.12.H12', 'Bộ phận Một cửa phường Hoàn Kiếm (demo)', '3'],
    ['001.34.12.H12', 'Công chức Tư pháp - Hộ tịch phường Hoàn Kiếm (demo)', '4'],
    ['002.34.12.H12', 'Công chức Địa chính phường Hoàn Kiếm (demo)', '4'],
    ['000.23.45.H12', 'UBND xã Sơn Thủy (demo)', '3'],
  ];
  return units.map(([code, name, level]) => ({ MADONVI: code, TENDONVI: name, CAPDONVI: level }));
}
