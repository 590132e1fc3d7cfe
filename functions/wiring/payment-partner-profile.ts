/**
 * What the gateway says about itself in every INIT (MaDichVu, MaKenhThanhToan, MaThietBi, Ip).
 * The platform assigns these at partner registration [inferred]; one place to change them.
 */
export const paymentPartnerProfile = {
  serviceCode: 'PHI_LE_PHI',
  channelCode: 'WEB',
  deviceCode: 'LIEN_THONG_GATEWAY',
  ip: '127.0.0.1',
} as const;
