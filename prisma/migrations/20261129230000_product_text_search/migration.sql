-- The free-text filter looks for its words in each study's outcome and in the raw text of its
-- cell products. A trigram index (pg_trgm, shipped with PostgreSQL and trusted since
-- PostgreSQL 13, so a database owner may create it) finds the products containing the words
-- instead of reading every product for every search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "cell_products_raw_text_idx" ON "cell_products" USING GIN ("raw_text" gin_trgm_ops);
