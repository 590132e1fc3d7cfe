export interface ReceivedRequest<Body = Record<string, unknown>> {
  at: string;
  path: string;
  headers: Record<string, string>;
  body: Body;
}

export async function received<Body = Record<string, unknown>>(
  simulatorUrl: string,
): Promise<ReceivedRequest<Body>[]> {
  return (await (await fetch(`${simulatorUrl}/_sim/received`)).json()) as ReceivedRequest<Body>[];
}

export async function setFaults(simulatorUrl: string, faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${simulatorUrl}/_sim/faults`, {
    method: 'POST',
    body: JSON.stringify(faults),
  });
  if (!response.ok) throw new Error(`faults refused: ${await response.text()}`);
}

interface NationalCall {
  service: string;
  data: { MaHoSo: string; TrangThaiHoSo?: string; TrangThai?: string; ThoiDiemXuLy?: string }[];
}

/**
 * What the national portal simulator accepted for one dossier, in arrival order, as
 * `sync:<status>` for DongBoHoSoMC and `progress:<status>@<time>` for each progress row.
 */
export async function nationalTimeline(simulatorUrl: string, dossierCode: string): Promise<string[]> {
  return (await received<NationalCall>(simulatorUrl)).flatMap((request) =>
    (request.body.data ?? [])
      .filter((item) => item.MaHoSo === dossierCode)
      .map((item) =>
        request.body.service === 'DongBoHoSoMC'
          ? `sync:${item.TrangThaiHoSo}`
          : `progress:${item.TrangThai}@${item.ThoiDiemXuLy}`,
      ),
  );
}
