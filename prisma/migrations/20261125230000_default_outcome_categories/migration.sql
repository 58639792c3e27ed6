-- The starting outcome categories, read from the seed table's outcome texts, for a team that
-- has none yet (admins rename, recolour, merge or add to them).
INSERT INTO "outcome_categories" ("id", "name", "colour", "description", "position", "version", "created_at", "updated_at")
SELECT gen_random_uuid(), c.name, c.colour, c.description, c.position, 1, now(), now()
  FROM (VALUES
    ('Clinical efficacy', '#0072B2', 'Improved disease activity, remission, response or function.', 1),
    ('Safety / feasibility', '#009E73', 'Safe, feasible or well tolerated; adverse events reported.', 2),
    ('Immunomodulation', '#CC79A7', 'Changes in immune cells or cytokines (Tregs, Th17, IL-10…).', 3),
    ('No added benefit', '#D55E00', 'No difference from control or from the standard therapy.', 4),
    ('Relapse', '#E69F00', 'Relapse, flare or loss of the response during follow-up.', 5)
  ) AS c(name, colour, description, position)
 WHERE NOT EXISTS (SELECT 1 FROM "outcome_categories");
