import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person of an innovation team (创新团队): its leader (one, the registering user) or a member. */
@Entity('innovation_team_members')
export class InnovationTeamMember {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The order people were listed in. */
  @Column({ type: 'bigint', insert: false, update: false, select: false }) seq: string;
  @Column() organizationId: string;
  @Column() name: string;
  @Column({ type: 'text', nullable: true }) title: string | null;
  @Column({ type: 'text', nullable: true }) contact: string | null;
  @Column() isLeader: boolean;
  @Column({ type: 'uuid', nullable: true }) userId: string | null;
  /** First 6 and last 4 characters only; the number itself is never stored. */
  @Column({ type: 'text', nullable: true }) idCardMasked: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}
