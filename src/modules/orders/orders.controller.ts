import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import { SkipIdempotency } from '../../platform/idempotency/skip-idempotency.decorator';
import { CreateOrderDto, DeliverOrderDto, OptionalReasonDto, OrderDto, OrderQueryDto, OrderQuoteDto, ReasonDto } from './dto/order.dto';
import { OrdersService } from './orders.service';

@ApiTags('service orders')
@Controller('service-orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @Roles(Role.EnterpriseUser)
  @ApiOperation({ summary: 'Order a catalogue service with a voucher: the subsidy is computed and held' })
  @ApiCreatedResponse({ type: OrderDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrderDto): Promise<OrderDto> {
    return this.orders.create(actor, dto);
  }

  @Post('quote')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  // A quote changes nothing; replaying a stored one would show stale amounts.
  @SkipIdempotency()
  @ApiOperation({ summary: 'What ordering would compute (contract amount, ratio, subsidy, own share) without ordering; refusals as for ordering' })
  @ApiOkResponse({ type: OrderQuoteDto })
  quote(@CurrentActor() actor: Actor, @Body() dto: CreateOrderDto): Promise<OrderQuoteDto> {
    return this.orders.quote(actor, dto);
  }

  @Get()
  @Roles(Role.EnterpriseUser, Role.ProviderUser, Role.Reviewer, Role.Approver, Role.Finance, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Orders: the enterprise’s, the provider’s (placed with it), or the region’s' })
  @ApiOkResponse({ type: [OrderDto] })
  list(@CurrentActor() actor: Actor, @Query() query: OrderQueryDto): Promise<OrderDto[]> {
    return this.orders.list(actor, query);
  }

  @Get(':id')
  @Roles(Role.EnterpriseUser, Role.ProviderUser, Role.Reviewer, Role.Approver, Role.Finance, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'One order' })
  @ApiOkResponse({ type: OrderDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderDto> {
    return this.orders.get(actor, id);
  }

  @Post(':id/accept')
  @Roles(Role.ProviderUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Provider accepts the order (卖家接单)' })
  @ApiOkResponse({ type: OrderDto })
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderDto> {
    return this.orders.accept(actor, id);
  }

  @Post(':id/decline')
  @Roles(Role.ProviderUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Provider declines; the hold is released' })
  @ApiOkResponse({ type: OrderDto })
  decline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReasonDto): Promise<OrderDto> {
    return this.orders.decline(actor, id, dto.reason);
  }

  @Post(':id/deliver')
  @Roles(Role.ProviderUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Provider records delivery (report number, actual amount ≤ contract); the hold shrinks to the actual subsidy' })
  @ApiOkResponse({ type: OrderDto })
  deliver(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeliverOrderDto): Promise<OrderDto> {
    return this.orders.deliver(actor, id, dto);
  }

  @Post(':id/confirm')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Enterprise confirms receipt of the service' })
  @ApiOkResponse({ type: OrderDto })
  confirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderDto> {
    return this.orders.confirm(actor, id);
  }

  @Post(':id/dispute')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Enterprise disputes the delivery; the provider records it again' })
  @ApiOkResponse({ type: OrderDto })
  dispute(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReasonDto): Promise<OrderDto> {
    return this.orders.dispute(actor, id, dto.reason);
  }

  @Post(':id/cancel')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Enterprise cancels before delivery; the hold is released' })
  @ApiOkResponse({ type: OrderDto })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: OptionalReasonDto): Promise<OrderDto> {
    return this.orders.cancel(actor, id, dto.reason);
  }
}
