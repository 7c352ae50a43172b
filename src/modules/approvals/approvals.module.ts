import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApprovalCase, ApprovalTask, WorkflowDefinition } from './approval.entities';
import { ApprovalCaseQueries } from './approval-case-queries';
import { ApprovalCasesService } from './approval-cases.service';
import { ApprovalMetricsCollector } from './approval-metrics.collector';
import { ApprovalNotifier } from './approval-notifier';
import { ApprovalSubjectRegistry } from './approval-subject.registry';
import { ApprovalTasksService } from './approval-tasks.service';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsSweeper } from './approvals-sweeper';
import { CaseEngine } from './case-engine.service';
import { WorkflowDefinitionsService } from './workflow-definitions.service';

/** Multi-stage approvals on the queue: definitions, cases, tasks, pre-checks, SLA timers, effects. */
@Module({
  imports: [TypeOrmModule.forFeature([WorkflowDefinition, ApprovalCase, ApprovalTask])],
  controllers: [ApprovalsController],
  providers: [CaseEngine, ApprovalTasksService, ApprovalCasesService, WorkflowDefinitionsService, ApprovalSubjectRegistry, ApprovalNotifier, ApprovalsSweeper, ApprovalMetricsCollector, ApprovalCaseQueries],
  exports: [CaseEngine, ApprovalCasesService, ApprovalCaseQueries, ApprovalTasksService],
})
export class ApprovalsModule {}
