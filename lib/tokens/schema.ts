import { z } from 'zod';

export const MAX_TOKEN_NAME_LENGTH = 100;

/** A token's name says what uses it ("CI export", "notebook"), so a list of tokens can be read and pruned. */
export const tokenName = z.string().trim().min(1, 'Name the token after what will use it').max(MAX_TOKEN_NAME_LENGTH, `At most ${MAX_TOKEN_NAME_LENGTH} characters`);
