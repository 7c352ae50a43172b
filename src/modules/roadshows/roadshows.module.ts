import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../platform/config/app-config';
import { ApprovalsModule } from '../approvals/approvals.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AgendaExportsService } from './sessions/agenda-exports.service';
import { AgendaService } from './sessions/agenda.service';
import { AutoSchedulingService } from './sessions/auto-scheduling.service';
import { DeckStorage, LocalDiskDeckStorage } from './projects/deck-storage';
import { InterestsService } from './investors/interests.service';
import { InvestorsController } from './investors/investors.controller';
import { InvestorsService } from './investors/investors.service';
import { OutcomesService } from './outcomes/outcomes.service';
import { ProjectDecksService } from './projects/project-decks.service';
import { ProjectLifecycle } from './projects/project-lifecycle.service';
import { ProjectsController } from './projects/projects.controller';
import { ProjectsService } from './projects/projects.service';
import { InvestorProfile, RoadshowInterest, RoadshowProject, RoadshowSession, RoadshowSlot, RoadshowVenue, SessionRequest } from './shared/roadshow.entities';
import { RoadshowProjectSubject } from './projects/roadshow-project.subject';
import { RsvpsService } from './investors/rsvps.service';
import { SessionRequestsService } from './sessions/session-requests.service';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { SlotsService } from './sessions/slots.service';

/** S&T roadshows (科创路演): projects, screening, sessions, scheduling, agendas, investors, outcomes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([RoadshowProject, RoadshowVenue, RoadshowSession, RoadshowSlot, SessionRequest, InvestorProfile, RoadshowInterest]),
    ApprovalsModule,
    OrganizationsModule,
    // Pitch decks (ProjectsController): in memory, at most DECK_MAX_BYTES (→ 413), one file (docs/security.md, "Bounded work").
    MulterModule.registerAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => ({ limits: { fileSize: config.DECK_MAX_BYTES, files: 1, fields: 10, fieldSize: 4096 } }) }),
  ],
  controllers: [ProjectsController, SessionsController, InvestorsController],
  providers: [
    { provide: DeckStorage, useClass: LocalDiskDeckStorage },
    ProjectLifecycle,
    ProjectsService,
    ProjectDecksService,
    RoadshowProjectSubject,
    SessionsService,
    SlotsService,
    AutoSchedulingService,
    AgendaService,
    AgendaExportsService,
    SessionRequestsService,
    RsvpsService,
    InterestsService,
    InvestorsService,
    OutcomesService,
  ],
  exports: [ProjectsService],
})
export class RoadshowsModule {}
