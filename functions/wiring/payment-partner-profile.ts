/**
 * What the gateway says about itself in every INIT: MaDichVu `2`, MaKenhThanhToan `1` and
 * MaThietBi `1` as [TH] (HuanVu201/DichVuCong_KhoaLuan_PASETO InitDvcPaymentRequest.cs) sends
 * them, and the Ip. The platform may assign others at partner registration [inferred]; one
 * place to change them.
 */
export const paymentPartnerProfile = {
  serviceCode: '2',
  channelCode: '1',
  deviceCode: '1',
  ip: '127.0.0.1',
} as const;
