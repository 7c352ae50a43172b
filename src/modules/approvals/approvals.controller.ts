import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Public, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import { ApprovalCasesService } from './approval-cases.service';
import { ApprovalTasksService } from './approval-tasks.service';
import {
  ApprovalMetricsDto, BatchDecisionDto, BatchDecisionResultDto, CaseDetailDto, CaseDto, CreateDefinitionDto, DecisionDto, DefinitionDto,
  ListCasesQueryDto, ObjectionDto, PublicNoticeDto, ResubmitDto, TaskDto, TaskQueryDto,
} from './dto/approval.dto';
import { WorkflowDefinitionsService } from './workflow-definitions.service';

// Roadshow organisers decide the screening of their own city's projects (the roadshow_screening stage).
const DECIDERS = [Role.Reviewer, Role.Approver, Role.Finance, Role.PartnerAdmin, Role.PlatformAdmin, Role.RoadshowOrganiser];

@ApiTags('approvals')
@Controller()
export class ApprovalsController {
  constructor(
    private readonly tasks: ApprovalTasksService,
    private readonly cases: ApprovalCasesService,
    private readonly definitions: WorkflowDefinitionsService,
  ) {}

  @Get('approval-tasks')
  @Roles(...DECIDERS)
  @ApiOperation({ summary: 'Decider inbox: tasks the caller may decide (by role and region), oldest due first' })
  @ApiOkResponse({ type: [TaskDto] })
  inbox(@CurrentActor() actor: Actor, @Query() query: TaskQueryDto): Promise<TaskDto[]> {
    return this.tasks.inbox(actor, query);
  }

  @Post('approval-tasks/decisions')
  @Roles(...DECIDERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide several tasks at once; each succeeds or fails on its own' })
  @ApiOkResponse({ type: [BatchDecisionResultDto] })
  decideBatch(@CurrentActor() actor: Actor, @Body() dto: BatchDecisionDto): Promise<BatchDecisionResultDto[]> {
    return this.tasks.decideBatch(actor, dto.taskIds, dto.decision, dto.comment);
  }

  @Post('approval-tasks/:id/decision')
  @Roles(...DECIDERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve, reject or return a task (comment required to reject or return)' })
  @ApiOkResponse({ type: TaskDto })
  decide(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecisionDto): Promise<TaskDto> {
    return this.tasks.decide(actor, id, dto.decision, dto.comment);
  }

  @Post('approval-tasks/:id/claim')
  @Roles(...DECIDERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task so other deciders leave it to you' })
  @ApiOkResponse({ type: TaskDto })
  claim(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<TaskDto> {
    return this.tasks.claim(actor, id);
  }

  @Post('approval-tasks/:id/release')
  @Roles(...DECIDERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a claimed task' })
  @ApiOkResponse({ type: TaskDto })
  release(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<TaskDto> {
    return this.tasks.release(actor, id);
  }

  @Get('approval-cases')
  @Authenticated()
  @ApiOperation({ summary: 'Cases the caller may see: its own organisation’s, or its region’s for agencies' })
  @ApiOkResponse({ type: [CaseDto] })
  listCases(@CurrentActor() actor: Actor, @Query() query: ListCasesQueryDto): Promise<CaseDto[]> {
    return this.cases.list(actor, query);
  }

  @Get('approval-cases/:id')
  @Authenticated()
  @ApiOperation({ summary: 'A case with tasks, decisions, pre-check findings, revisions (with diffs) and its full timeline' })
  @ApiOkResponse({ type: CaseDetailDto })
  caseDetail(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CaseDetailDto> {
    return this.cases.detail(actor, id);
  }

  @Post('approval-cases/:id/resubmit')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Resubmit a returned case after revising its subject (the applicant)' })
  @ApiOkResponse({ type: CaseDto })
  resubmit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResubmitDto): Promise<CaseDto> {
    return this.cases.resubmit(actor, id, dto.note);
  }

  @Post('approval-cases/:id/withdraw')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an open case (the applicant)' })
  @ApiOkResponse({ type: CaseDto })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CaseDto> {
    return this.cases.withdraw(actor, id);
  }

  @Get('public-notices')
  // 公示 invites objections from anyone, so the list is public (no sign-in); it carries only what a notice publishes.
  @Public()
  @ApiOperation({ summary: 'Provider admissions under public notice (公示) now, readable without signing in: provider name, region, notice end. Objecting needs a signed-in organisation' })
  @ApiOkResponse({ type: [PublicNoticeDto] })
  publicNotices(): Promise<PublicNoticeDto[]> {
    return this.cases.publicNotices();
  }

  @Post('approval-cases/:id/objections')
  @Roles(Role.EnterpriseUser, Role.ProviderUser, Role.Investor)
  @ApiOperation({
    summary: 'Object to a provider admission under public notice (公示异议): the notice stops and the objection is reviewed. Rate limited per user and organisation (429 + Retry-After); any case not under public notice is 404',
  })
  @ApiCreatedResponse({ type: CaseDto })
  object(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ObjectionDto): Promise<CaseDto> {
    return this.cases.object(actor, id, dto.reason);
  }

  @Get('approval-metrics')
  @Roles(Role.Approver, Role.Reviewer, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Cases by state, open and overdue tasks, time in stage (scoped to the caller’s region)' })
  @ApiOkResponse({ type: ApprovalMetricsDto })
  metrics(@CurrentActor() actor: Actor): Promise<ApprovalMetricsDto> {
    return this.cases.metrics(actor);
  }

  @Get('workflow-definitions')
  @Roles(Role.PlatformAdmin, Role.Approver, Role.PartnerAdmin)
  @ApiQuery({ name: 'all', required: false, description: 'true: every version, not only the active ones' })
  @ApiOperation({ summary: 'Workflow definitions (active versions, or all)' })
  @ApiOkResponse({ type: [DefinitionDto] })
  listDefinitions(@Query('all') all?: string): Promise<DefinitionDto[]> {
    return this.definitions.list(all === 'true');
  }

  @Get('workflow-definitions/:key')
  @Roles(Role.PlatformAdmin, Role.Approver, Role.PartnerAdmin)
  @ApiQuery({ name: 'version', required: false })
  @ApiOperation({ summary: 'One definition: the active version, or ?version=N' })
  @ApiOkResponse({ type: DefinitionDto })
  getDefinition(@Param('key') key: string, @Query('version', new ParseIntPipe({ optional: true })) version?: number): Promise<DefinitionDto> {
    return this.definitions.get(key, version);
  }

  @Post('workflow-definitions')
  @Roles(Role.PlatformAdmin)
  @ApiOperation({ summary: 'Publish a definition: a new key, or the next version of an existing one (running cases keep theirs)' })
  @ApiCreatedResponse({ type: DefinitionDto })
  publish(@CurrentActor() actor: Actor, @Body() dto: CreateDefinitionDto): Promise<DefinitionDto> {
    return this.definitions.publish(actor, dto);
  }
}
