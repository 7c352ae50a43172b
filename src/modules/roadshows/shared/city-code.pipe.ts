import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../../../platform/errors/domain-error';

/** A city code in the path: six digits (GB/T 2260), else 400 on the parameter. */
@Injectable()
export class CityCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^\d{6}$/.test(value)) throw DomainError.invalid('cityCode', 'must be a six-digit region code');
    return value;
  }
}
