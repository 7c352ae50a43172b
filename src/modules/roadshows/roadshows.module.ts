import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../platform/config/app-config';
import { ApprovalsModule } from '../approvals/approvals.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AgendaExportsService } from './agenda-exports.service';
import { AgendaService } from './agenda.service';
import { AutoSchedulingService } from './auto-scheduling.service';
import { DeckStorage, LocalDiskDeckStorage } from './deck-storage';
import { InterestsService } from './interests.service';
import { InvestorsController } from './investors.controller';
import { InvestorsService } from './investors.service';
import { OutcomesService } from './outcomes.service';
import { ProjectDecksService } from './project-decks.service';
import { ProjectLifecycle } from './project-lifecycle.service';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';
import { InvestorProfile, RoadshowInterest, RoadshowProject, RoadshowSession, RoadshowSlot, RoadshowVenue, SessionRequest } from './roadshow.entities';
import { RoadshowProjectSubject } from './roadshow-project.subject';
import { RsvpsService } from './rsvps.service';
import { SessionRequestsService } from './session-requests.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { SlotsService } from './slots.service';

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
