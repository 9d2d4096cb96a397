-- A claim's verdict gets its reason (ClaimReview's reviewRating.ratingExplanation)
-- and the moment it was given (ClaimReview's datePublished), which a later
-- rewording of the claim must not move.
ALTER TABLE "Claim" ADD COLUMN "verdictNote" TEXT;
ALTER TABLE "Claim" ADD COLUMN "verdictAt" TIMESTAMP(3);

-- Verdicts given before: the best known moment is the claim's last change.
UPDATE "Claim" SET "verdictAt" = "updatedAt" WHERE "verdict" IS NOT NULL;
