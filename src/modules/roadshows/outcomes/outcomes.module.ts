import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { RoadshowProjectsModule } from '../projects/projects.module';
import { ProjectOutcomesController, RoadshowStatsController } from './outcomes.controller';
import { OutcomesService } from './outcomes.service';

/** Roadshow outcomes: landing in Jiaxing and financing raised, and the statistics over them. */
@Module({
  imports: [OrganizationsModule, RoadshowProjectsModule],
  controllers: [ProjectOutcomesController, RoadshowStatsController],
  providers: [OutcomesService],
})
export class RoadshowOutcomesModule {}
