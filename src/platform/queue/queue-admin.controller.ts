import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { Role } from '../context/actor';
import { DiscardJobDto, JobListQueryDto, JobSummaryDto } from './queue-admin.dto';
import { QueueAdminService } from './queue-admin.service';

@ApiTags('admin: queues')
@Controller('admin/queues')
@Roles(Role.PlatformAdmin)
export class QueueAdminController {
  constructor(private readonly admin: QueueAdminService) {}

  @Get()
  @ApiOperation({ summary: 'Job counts per queue and state' })
  @ApiOkResponse({
    schema: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } } },
    description: '{queue: {state: count}}',
  })
  counts(): Promise<Record<string, Record<string, number>>> {
    return this.admin.counts();
  }

  @Get(':queue/jobs')
  @ApiOperation({ summary: 'Jobs of a queue in one state (failed by default)' })
  @ApiOkResponse({ type: [JobSummaryDto] })
  list(@Param('queue') queue: string, @Query() query: JobListQueryDto): Promise<JobSummaryDto[]> {
    return this.admin.list(queue, query);
  }

  @Post(':queue/jobs/:jobId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a failed job again' })
  @ApiOkResponse({ type: JobSummaryDto })
  retry(@Param('queue') queue: string, @Param('jobId') jobId: string): Promise<JobSummaryDto> {
    return this.admin.retry(queue, jobId);
  }

  @Post(':queue/jobs/:jobId/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give up on a failed job, with a reason; its outbox row is cancelled' })
  @ApiOkResponse({ type: JobSummaryDto })
  discard(@Param('queue') queue: string, @Param('jobId') jobId: string, @Body() dto: DiscardJobDto): Promise<JobSummaryDto> {
    return this.admin.discard(queue, jobId, dto.reason);
  }
}
