import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { RoadshowProjectsModule } from '../projects/projects.module';
import { RoadshowSession, RoadshowSlot, RoadshowVenue, SessionRequest } from '../shared/roadshow.entities';
import { AgendaExportsService } from './agenda-exports.service';
import { AgendaService } from './agenda.service';
import { AutoSchedulingService } from './auto-scheduling.service';
import { ProjectAgendaController } from './project-agenda.controller';
import { SessionRequestsService } from './session-requests.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { SlotsService } from './slots.service';
import { LiveEventLog } from './live-event-log';
import { CoHostInvitations } from './cohost-invitations.service';
import { CoHostInvitationsController } from './cohost-invitations.controller';
import { CalendarFeedsController } from './calendar-feeds.controller';
import { CalendarFeedsService } from './calendar-feeds.service';
import { OpenSessionsController } from './open-sessions.controller';
import { OpenSessionsService } from './open-sessions.service';

/** Roadshow sessions and scheduling: venues, sessions, slots, the scheduler, agendas and their exports, custom-roadshow requests. */
@Module({
  imports: [TypeOrmModule.forFeature([RoadshowVenue, RoadshowSession, RoadshowSlot, SessionRequest]), OrganizationsModule, RoadshowProjectsModule],
  controllers: [SessionsController, ProjectAgendaController, CoHostInvitationsController, OpenSessionsController, CalendarFeedsController],
  providers: [LiveEventLog, CoHostInvitations, SessionsService, SlotsService, AutoSchedulingService, AgendaService, AgendaExportsService, SessionRequestsService, OpenSessionsService, CalendarFeedsService],
  exports: [SessionsService, AgendaExportsService, LiveEventLog, CoHostInvitations],
})
export class RoadshowSessionsModule {}
