import { RoadshowInterest } from '../shared/roadshow.entities';
import { InterestDto } from './dto/investor.dto';

export function toInterestDto(i: RoadshowInterest): InterestDto {
  return { id: i.id, projectId: i.projectId, investorOrgId: i.investorOrgId, status: i.status, note: i.note, updatedAt: i.updatedAt.toISOString(), version: i.version };
}
