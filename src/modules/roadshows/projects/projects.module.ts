import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../../platform/config/app-config';
import { ApprovalsModule } from '../../approvals/approvals.module';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { RoadshowProject } from '../shared/roadshow.entities';
import { DeckStorage, SharedDeckStorage } from './deck-storage';
import { ProjectDecksService } from './project-decks.service';
import { ProjectLifecycle } from './project-lifecycle.service';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

/** Roadshow projects (路演项目): collection, submission to screening (the review module runs it), the project chain, pitch decks. */
@Module({
  imports: [
    TypeOrmModule.forFeature([RoadshowProject]),
    ApprovalsModule,
    OrganizationsModule,
    // Pitch decks (ProjectsController): in memory, at most DECK_MAX_BYTES (→ 413), one file (docs/security.md, "Bounded work").
    MulterModule.registerAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => ({ limits: { fileSize: config.DECK_MAX_BYTES, files: 1, fields: 10, fieldSize: 4096 } }) }),
  ],
  controllers: [ProjectsController],
  providers: [{ provide: DeckStorage, useClass: SharedDeckStorage }, ProjectLifecycle, ProjectsService, ProjectDecksService],
  exports: [ProjectsService, ProjectLifecycle, ProjectDecksService],
})
export class RoadshowProjectsModule {}
