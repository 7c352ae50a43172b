import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface LiveSlotRow {
  id: string;
  slotIndex: number;
  startsAt: string;
  endsAt: string;
  projectId: string;
  projectNumber: string;
  projectTitle: string;
  enterpriseId: string;
  enterpriseName: string;
  industry: string;
  replayUrl: string | null;
}

/** A live session's slots with their projects, and the slot an organiser set presenting. */
@Injectable()
export class LiveSlots {
  async of(manager: EntityManager, sessionId: string): Promise<LiveSlotRow[]> {
    const rows = (await manager.query(
      `SELECT s.id, s.slot_index, s.starts_at, s.ends_at, s.project_id, p.number, p.title, p.enterprise_id, COALESCE(o.name, '') AS enterprise_name, p.industry, s.replay_url
         FROM roadshow_slots s JOIN roadshow_projects p ON p.id = s.project_id LEFT JOIN read_organizations o ON o.id = p.enterprise_id
        WHERE s.session_id = $1 ORDER BY s.slot_index`,
      [sessionId],
    )) as { id: string; slot_index: number; starts_at: Date; ends_at: Date; project_id: string; number: string; title: string; enterprise_id: string; enterprise_name: string; industry: string; replay_url: string | null }[];
    return rows.map((r) => ({
      id: r.id,
      slotIndex: r.slot_index,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      projectId: r.project_id,
      projectNumber: r.number,
      projectTitle: r.title,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      industry: r.industry,
      replayUrl: r.replay_url,
    }));
  }

  async organiserSlotId(manager: EntityManager, sessionId: string): Promise<string | null> {
    const [row] = (await manager.query(`SELECT presenting_slot_id FROM roadshow_live_channels WHERE session_id = $1`, [sessionId])) as { presenting_slot_id: string | null }[];
    return row?.presenting_slot_id ?? null;
  }
}
