/**
 * Built-in name material for the synthetic population: frequent French surnames and given names (as name lists, no
 * one's identity) and syllables from which rarer family names are made up. Some carry accents, particles or hyphens
 * so that the error model has something to lose.
 */

export const commonFamilyNames = [
  'MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT', 'SIMON',
  'MICHEL', 'LEFÈVRE', 'LEROY', 'ROUX', 'DAVID', 'BERTRAND', 'MOREL', 'FOURNIER', 'GIRARD', 'BONNET', 'DUPONT',
  'LAMBERT', 'FONTAINE', 'ROUSSEAU', 'VINCENT', 'MULLER', 'LEFÈBVRE', 'FAURE', 'ANDRÉ', 'MERCIER', 'BLANC', 'GUÉRIN',
  'BOYER', 'GARNIER', 'CHEVALIER', 'FRANÇOIS', 'LEGRAND', 'GAUTHIER', 'GARCIA', 'PERRIN', 'ROBIN', 'CLÉMENT',
  'MORIN', 'NICOLAS', 'HENRY', 'ROUSSEL', 'MATHIEU', 'GAUTIER', 'MASSON', 'MARCHAND', 'DUVAL', 'DENIS', 'DUMONT',
  'MARIE', 'LEMAIRE', 'NOËL', 'MEYER', 'DUFOUR', 'MEUNIER', 'BRUN', 'BLANCHARD', 'GIRAUD', 'JOLY', 'RIVIÈRE',
  'LUCAS', 'BRUNET', 'GAILLARD', 'BARBIER', 'ARNAUD', 'MARTINEZ', 'GÉRARD', 'ROCHE', 'RENARD', 'SCHMITT', 'ROY',
  'LEROUX', 'COLIN', 'VIDAL', 'CARON', 'PICARD', 'ROGER', 'FABRE', 'AUBERT', 'LEMOINE', 'RENAUD', 'DUMAS', 'LACROIX',
  'OLIVIER', 'PHILIPPE', 'BOURGEOIS', 'PIERRE', 'BENOÎT', 'REY', 'LECLERC', 'PAYET', 'ROLLAND', 'LECLERCQ', 'GUILLAUME',
  'LE GALL', 'LE GOFF', 'DE LA FONTAINE', "D'ALMEIDA", 'DU PONT', 'DE SOUSA', 'LE BRIS', 'MARTIN-DUPONT', 'DESCHAMPS',
];

export const familySyllables = {
  start: ['BER', 'CHA', 'DU', 'FOU', 'GAR', 'LA', 'LE', 'MAR', 'MOR', 'PER', 'RO', 'SAU', 'TOU', 'VAL', 'BOU', 'CAR', 'DES', 'GUI', 'JAC', 'MON', 'QUÉ', 'RÉ', 'THI', 'VER', 'BLAN', 'COR', 'FER', 'HÉ', 'LAN', 'PIN'],
  middle: ['', '', 'NA', 'RI', 'VE', 'LI', 'MA', 'TE', 'CHE', 'GNO', 'BE', 'RO', 'DI', 'LÈ', 'SA'],
  end: ['RD', 'NET', 'LIN', 'LOT', 'RAND', 'MONT', 'CHAUD', 'VIER', 'GEOT', 'TIER', 'RAUX', 'NIER', 'CQ', 'ZE', 'LLE', 'SSON', 'BAULT', 'DIEU', 'GNAC', 'RET', 'QUET', 'TEAU', 'VAL', 'LARD', 'NEAU'],
};

export const maleGivenNames = [
  'JEAN', 'PIERRE', 'MICHEL', 'ANDRÉ', 'PHILIPPE', 'LOUIS', 'ALAIN', 'JACQUES', 'BERNARD', 'MARCEL', 'DANIEL', 'ROGER',
  'PAUL', 'ROBERT', 'CHRISTIAN', 'HENRI', 'GEORGES', 'NICOLAS', 'FRANÇOIS', 'PATRICK', 'GÉRARD', 'CHRISTOPHE',
  'JOSEPH', 'RENÉ', 'JULIEN', 'ANTOINE', 'MAURICE', 'FRÉDÉRIC', 'ERIC', 'THIERRY', 'STÉPHANE', 'DAVID', 'LAURENT',
  'RAYMOND', 'CLAUDE', 'SÉBASTIEN', 'PASCAL', 'THOMAS', 'LUCAS', 'HUGO', 'GABRIEL', 'LÉO', 'RAPHAËL', 'ARTHUR',
  'MAËL', 'NATHAN', 'ETHAN', 'NOAH', 'THÉO', 'MATHIS', 'ENZO', 'TOM', 'CLÉMENT', 'MAXIME', 'ALEXANDRE', 'VINCENT',
  'OLIVIER', 'BRUNO', 'DIDIER', 'YVES', 'GILLES', 'SERGE', 'DOMINIQUE', 'FABRICE', 'JÉRÔME', 'CÉDRIC', 'ROMAIN',
  'JEAN-PIERRE', 'JEAN-CLAUDE', 'JEAN-LUC', 'JEAN-MARC', 'JEAN-FRANÇOIS', 'PIERRE-YVES', 'JEAN-BAPTISTE', 'LOUIS-MARIE',
];

export const femaleGivenNames = [
  'MARIE', 'JEANNE', 'FRANÇOISE', 'MONIQUE', 'CATHERINE', 'NATHALIE', 'ISABELLE', 'JACQUELINE', 'SYLVIE', 'ANNE',
  'MARTINE', 'NICOLE', 'CHRISTINE', 'SUZANNE', 'HÉLÈNE', 'CHANTAL', 'VALÉRIE', 'SANDRINE', 'CHRISTIANE', 'DENISE',
  'ÉLISABETH', 'VÉRONIQUE', 'BRIGITTE', 'SOPHIE', 'STÉPHANIE', 'CÉLINE', 'LAURENCE', 'AURÉLIE', 'JULIE', 'CAMILLE',
  'EMMA', 'JADE', 'LOUISE', 'ALICE', 'CHLOÉ', 'LÉA', 'MANON', 'INÈS', 'LÉNA', 'ZOÉ', 'ROSE', 'AMBRE', 'ANNA', 'LOU',
  'MATHILDE', 'PAULINE', 'CLAIRE', 'AGNÈS', 'ODILE', 'GENEVIÈVE', 'YVETTE', 'MADELEINE', 'COLETTE', 'LUCIE', 'ÉMILIE',
  'LAETITIA', 'AMÉLIE', 'CHARLOTTE', 'CAROLINE', 'DELPHINE', 'NADINE', 'PASCALE', 'ODETTE', 'RENÉE', 'SIMONE', 'GISÈLE',
  'MARIE-CLAIRE', 'MARIE-HÉLÈNE', 'ANNE-SOPHIE', 'MARIE-THÉRÈSE', 'MARIE-FRANCE', 'ANNE-MARIE', 'MARIE-LAURE', 'MARIE-CHRISTINE',
];
