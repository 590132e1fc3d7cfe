import { randomUUID } from 'node:crypto';
import {
  type NationalDossier,
  type NationalProgressRow,
  nationalErrorCodes,
  nationalLoginRequestSchema,
  nationalServiceRequestSchema,
} from '../../contracts/national-portal';
import { createSimulatorKit } from './simulator-kit';

export interface NationalPortalSimulatorOptions {
  readonly username: string;
  readonly password: string;
  readonly random?: () => number;
}

/**
 * A stand-in for the DVCQG session-envelope transport: login -> session, then
 * DongBoHoSoMC and TraCuuHoSo through POST /service. It keeps what it was sent, so tests
 * and vendors can see exactly what the portal would hold.
 */
export function createNationalPortalSimulator(options: NationalPortalSimulatorOptions) {
  const sessions = new Set<string>();
  const dossiers = new Map<string, NationalDossier>();
  const progress = new Map<string, NationalProgressRow[]>();
  const kit = createSimulatorKit({
    ...(options.random ? { random: options.random } : {}),
    onReset: () => {
      sessions.clear();
      dossiers.clear();
      progress.clear();
    },
  });
  const { app } = kit;

  app.post('/login', async (c) => {
    const parsed = nationalLoginRequestSchema.safeParse(await c.req.json().catch(() => undefined));
    if (
      !parsed.success ||
      parsed.data.username !== options.username ||
      parsed.data.password !== options.password
    ) {
      return c.json({
        error_code: Number(nationalErrorCodes.authentication),
        message: 'Sai tài khoản hoặc mật khẩu',
      });
    }
    const session = randomUUID();
    sessions.add(session);
    return c.json({ error_code: 0, session });
  });

  app.post('/service', kit.withFaults, async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (typeof body?.session !== 'string' || !sessions.has(body.session)) {
      return c.json({
        error_code: nationalErrorCodes.authentication,
        message: 'Phiên làm việc không hợp lệ hoặc đã hết hạn',
      });
    }
    if (kit.faults().reject) {
      return c.json({
        error_code: nationalErrorCodes.wrongData,
        message: 'Dữ liệu không hợp lệ (simulated rejection)',
      });
    }
    const parsed = nationalServiceRequestSchema.safeParse(body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      return c.json({
        error_code: nationalErrorCodes.wrongData,
        message: `Dữ liệu không hợp lệ: ${problems.join('; ')}`,
      });
    }
    const call = parsed.data;
    if (call.service === 'TraCuuHoSo') {
      const found = dossiers.get(call.MaHoSo);
      return c.json({ error_code: nationalErrorCodes.ok, result: found ? [found] : [] });
    }
    if (call.service === 'CapNhatTienDoHoSoMC') {
      const unknown = call.data.find((row) => !dossiers.has(row.MaHoSo));
      if (unknown) {
        return c.json({
          error_code: nationalErrorCodes.notFound,
          message: `Không tìm thấy hồ sơ ${unknown.MaHoSo}`,
        });
      }
      for (const row of call.data) {
        progress.set(row.MaHoSo, [...(progress.get(row.MaHoSo) ?? []), row]);
        const dossier = dossiers.get(row.MaHoSo);
        if (dossier) dossiers.set(row.MaHoSo, { ...dossier, TrangThaiHoSo: row.TrangThai });
      }
      kit.record({
        method: c.req.method,
        path: c.req.path,
        headers: Object.fromEntries(c.req.raw.headers),
        body,
      });
      return c.json({ error_code: nationalErrorCodes.ok, message: 'Cập nhật tiến độ thành công' });
    }
    const isUpdating = call.isUpdating === true || call.isUpdating === 'true';
    for (const dossier of call.data) {
      if (!dossier.MaHoSo.startsWith(`${call.madonvi}-`) && dossier.DonViXuLy !== call.madonvi) {
        return c.json({
          error_code: nationalErrorCodes.wrongAgency,
          message: `Mã hồ sơ ${dossier.MaHoSo} không thuộc đơn vị ${call.madonvi}`,
        });
      }
      if (!isUpdating && dossiers.has(dossier.MaHoSo)) {
        return c.json({ error_code: '-3', message: `Hồ sơ ${dossier.MaHoSo} đã tồn tại` });
      }
    }
    for (const dossier of call.data) dossiers.set(dossier.MaHoSo, dossier);
    kit.record({
      method: c.req.method,
      path: c.req.path,
      headers: Object.fromEntries(c.req.raw.headers),
      body,
    });
    return c.json({ error_code: nationalErrorCodes.ok, message: 'Đồng bộ thành công' });
  });

  return { app, received: kit.received, dossiers, progress };
}

export type NationalPortalSimulator = ReturnType<typeof createNationalPortalSimulator>;
