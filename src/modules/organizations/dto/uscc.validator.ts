import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { usccProblem } from '../../../../packages/shared/uscc';

const MESSAGES = {
  length: 'must be exactly 18 characters',
  lowercase: 'must be upper case (letters of a USCC are capitals)',
  charset: 'may contain only digits and the letters A-H J-N P-R T U W-Y',
  check_character: 'has a wrong check character (GB 32100-2015)',
} as const;

/** 统一社会信用代码, validated with the GB 32100-2015 check character. */
export function IsUscc(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUscc',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && usccProblem(value) === null,
        defaultMessage: (args: ValidationArguments) => {
          if (typeof args.value !== 'string') return `${args.property} must be a string`;
          const problem = usccProblem(args.value);
          return `${args.property} ${problem ? MESSAGES[problem] : 'is invalid'}`;
        },
      },
    });
}
