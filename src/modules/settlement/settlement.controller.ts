import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { DailyRunService } from './daily-run.service';
import { BatchDto, BatchQueryDto, DailyRunDto, DailyRunQueuedDto, PayBatchDto, ReconcileBatchDto, RunDailyDto, StatementDto, StatementQueryDto } from './dto/settlement.dto';
import { SettlementService } from './settlement.service';
import { statementCsv, statementXlsx } from './statement-export';

const SETTLERS = [Role.Finance, Role.PlatformAdmin];
const READERS = [Role.Finance, Role.Approver, Role.PlatformAdmin];
/** Partner admins read the batches that pay their region's providers, and only their region's lines (docs/security.md). */
const STATEMENT_READERS = [...READERS, Role.PartnerAdmin];

@ApiTags('settlement')
@Controller()
export class SettlementController {
  constructor(
    private readonly settlement: SettlementService,
    private readonly daily: DailyRunService,
  ) {}

  @Get('settlement-batches')
  @Roles(...STATEMENT_READERS)
  @ApiOperation({ summary: 'Settlement batches of the caller’s city; for a partner admin, those paying its region’s providers' })
  @ApiOkResponse({ type: [BatchDto] })
  list(@CurrentActor() actor: Actor, @Query() query: BatchQueryDto): Promise<BatchDto[]> {
    return this.settlement.list(actor, query);
  }

  @Get('settlement-batches/:id')
  @Roles(...STATEMENT_READERS)
  @ApiOperation({ summary: 'One settlement batch' })
  @ApiOkResponse({ type: BatchDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<BatchDto> {
    return this.settlement.get(actor, id);
  }

  @Post('settlement-batches/:id/close')
  @Roles(...SETTLERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the batch (cut-off); the daily run also closes batches whose period ended' })
  @ApiOkResponse({ type: BatchDto })
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<BatchDto> {
    return this.settlement.close(actor, id);
  }

  @Post('settlement-batches/:id/approve')
  @Roles(...SETTLERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Finance approves a closed batch' })
  @ApiOkResponse({ type: BatchDto })
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<BatchDto> {
    return this.settlement.approve(actor, id);
  }

  @Post('settlement-batches/:id/pay')
  @Roles(...SETTLERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark an approved batch paid: payable → paid per claim (never twice); claims paid, orders settled' })
  @ApiOkResponse({ type: BatchDto })
  pay(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PayBatchDto): Promise<BatchDto> {
    return this.settlement.pay(actor, id, dto.paymentReference);
  }

  @Post('settlement-batches/:id/reconcile')
  @Roles(...SETTLERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Reconcile a paid batch: its total must match the ledger’s pay movements' })
  @ApiOkResponse({ type: BatchDto })
  reconcile(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReconcileBatchDto): Promise<BatchDto> {
    return this.settlement.reconcile(actor, id, dto.note);
  }

  @Get('settlement-batches/:id/statement')
  @Roles(...STATEMENT_READERS)
  @ApiOperation({ summary: 'Statement per payee, or per partner region (e.g. Shanghai providers paid by Jiaxing)' })
  @ApiOkResponse({ type: StatementDto })
  statement(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: StatementQueryDto): Promise<StatementDto> {
    return this.settlement.statement(actor, id, query.by ?? 'payee');
  }

  @Get('settlement-batches/:id/statement.csv')
  @Roles(...STATEMENT_READERS)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The statement as CSV (UTF-8 with BOM)' })
  async statementCsv(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: StatementQueryDto, @Res() res: Response): Promise<void> {
    const statement = await this.settlement.statement(actor, id, query.by ?? 'payee');
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${statement.batch.number}-${statement.by}.csv"`);
    res.send(statementCsv(statement));
  }

  @Get('settlement-batches/:id/statement.xlsx')
  @Roles(...STATEMENT_READERS)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The statement as an Excel workbook' })
  async statementXlsx(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: StatementQueryDto, @Res() res: Response): Promise<void> {
    const statement = await this.settlement.statement(actor, id, query.by ?? 'payee');
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="${statement.batch.number}-${statement.by}.xlsx"`);
    res.send(await statementXlsx(statement));
  }

  @Post('admin/daily-run')
  @Roles(Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the daily calendar job now on a worker (expiry, lapses, redeem-by rejections, cut-offs), optionally as of a day; 202 with the job when it takes longer than DAILY_RUN_WAIT_MS (20 s)' })
  @ApiOkResponse({ type: DailyRunDto })
  @ApiAcceptedResponse({ type: DailyRunQueuedDto })
  async runDaily(@Body() dto: RunDailyDto, @Res({ passthrough: true }) res: Response): Promise<DailyRunDto | DailyRunQueuedDto> {
    const result = await this.daily.runOnWorker(dto.asOf ?? shanghaiDate());
    if ('jobId' in result) res.status(202);
    return result;
  }
}
