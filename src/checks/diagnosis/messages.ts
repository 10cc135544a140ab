// The words of every diagnosis, in both course languages. A pod's own words
// start from its container or its image ("its container app exits…"); a
// Service's start from its selector or its ports. `{said}` quotes the
// kubelet or the scheduler, shortened, as kubectl describe shows it.
import type { Text } from '../../core/text.js';
import type { DiagnosisId } from './types.js';

export const DIAGNOSIS_MESSAGES: Record<DiagnosisId, Text> = {
  'image-not-found': {
    fr: 'l\'image {image} n\'existe pas (la registry répond « {said} ») : vérifiez son nom et son tag',
    en: 'image {image} does not exist (the registry answers "{said}"): check its name and tag',
  },
  'pull-no-secret': {
    fr: 'la registry {registry} refuse l\'image {image} sans identifiants (« {said} ») et le pod ne nomme aucun secret dans imagePullSecrets',
    en: 'the registry {registry} refuses image {image} without credentials ("{said}") and the pod names no secret in imagePullSecrets',
  },
  'pull-secret-absent': {
    fr: 'le pod tire son image avec le secret {secrets}, qui n\'existe pas dans le namespace : la registry {registry} la refuse (« {said} »)',
    en: 'the pod pulls its image with secret {secrets}, which does not exist in the namespace: the registry {registry} refuses it ("{said}")',
  },
  'pull-secret-no-entry': {
    fr: 'le secret {secrets} n\'a pas d\'identifiants pour la registry {registry}, qui refuse l\'image (« {said} ») : --docker-server doit être {registry}',
    en: 'secret {secrets} holds no credentials for the registry {registry}, which refuses the image ("{said}"): --docker-server must be {registry}',
  },
  'pull-credentials-refused': {
    fr: 'la registry {registry} refuse les identifiants du secret {secrets} (« {said} ») : nom d\'utilisateur ou mot de passe faux ?',
    en: 'the registry {registry} refuses the credentials of secret {secrets} ("{said}"): a wrong username or password?',
  },
  'pull-denied': {
    fr: 'la registry {registry} refuse l\'image {image} : elle n\'existe pas ou demande d\'autres droits (« {said} »)',
    en: 'the registry {registry} refuses image {image}: it does not exist or needs other rights ("{said}")',
  },
  'registry-unreachable': {
    fr: 'la registry {registry} est injoignable depuis le nœud (« {said} ») : vérifiez l\'hôte et le port au début du nom de l\'image',
    en: 'the registry {registry} cannot be reached from the node ("{said}"): check the host and port at the start of the image name',
  },
  'image-name-invalid': { fr: 'le nom d\'image {image} n\'est pas valide (« {said} »)', en: 'image name {image} is not valid ("{said}")' },
  'pull-failed': { fr: 'l\'image {image} ne peut pas être tirée (« {said} »)', en: 'image {image} cannot be pulled ("{said}")' },
  crash: {
    fr: 'son conteneur {container} s\'arrête avec le code de sortie {exitCode} et redémarre en boucle ({restarts} redémarrage(s)) : kubectl logs --previous {pod} montre pourquoi',
    en: 'its container {container} exits with code {exitCode} and restarts over and over ({restarts} restart(s)): kubectl logs --previous {pod} shows why',
  },
  completes: {
    fr: 'son conteneur {container} se termine (code de sortie 0) et redémarre en boucle ({restarts} redémarrage(s)) : dans un Deployment, un conteneur doit tourner sans s\'arrêter',
    en: 'its container {container} ends (exit code 0) and restarts over and over ({restarts} restart(s)): in a Deployment a container must keep running',
  },
  'out-of-memory': {
    fr: 'son conteneur {container} est tué faute de mémoire (OOMKilled) et redémarre en boucle ({restarts} redémarrage(s)) : sa limite de mémoire est trop basse',
    en: 'its container {container} is killed for lack of memory (OOMKilled) and restarts over and over ({restarts} restart(s)): its memory limit is too low',
  },
  'container-config': {
    fr: 'son conteneur {container} ne peut pas être créé : « {said} » (un ConfigMap, un Secret ou une clé qu\'il lit manque)',
    en: 'its container {container} cannot be created: "{said}" (a ConfigMap, Secret or key it reads is missing)',
  },
  'container-start': { fr: 'son conteneur {container} ne démarre pas : « {said} »', en: 'its container {container} does not start: "{said}"' },
  waiting: { fr: 'son conteneur {container} attend : « {said} »', en: 'its container {container} is waiting: "{said}"' },
  unschedulable: { fr: 'aucun nœud ne peut l\'accueillir : « {said} »', en: 'no node can take it: "{said}"' },
  events: { fr: 'événements : {events}', en: 'events: {events}' },

  'service-no-selector': { fr: 'le service n\'a pas de sélecteur : aucun pod ne lui est rattaché', en: 'the service has no selector: no pod is tied to it' },
  'no-pods': { fr: 'son sélecteur {selector} ne choisit aucun pod : le namespace n\'a aucun pod', en: 'its selector {selector} matches no pod: the namespace has no pod' },
  'selector-matches-nothing': {
    fr: 'son sélecteur {selector} ne choisit aucun pod ; les pods du namespace portent {labels}',
    en: 'its selector {selector} matches no pod; the namespace\'s pods carry {labels}',
  },
  'too-few-pods': { fr: 'son sélecteur {selector} ne choisit que {count} pod(s)', en: 'its selector {selector} matches only {count} pod(s)' },
  'target-port-name-unknown': {
    fr: 'le targetPort {targetPort} du service ne nomme aucun port des conteneurs de ses pods (ils déclarent {ports})',
    en: 'the service\'s targetPort {targetPort} names no port of its pods\' containers (they declare {ports})',
  },
  'target-port-not-declared': {
    fr: 'le port {port} du service mène au port {targetPort} de ses pods, mais leurs conteneurs déclarent {ports}',
    en: 'the service\'s port {port} leads to port {targetPort} of its pods, but their containers declare {ports}',
  },
  'pods-not-ready': { fr: '{ready} pod(s) prêt(s) sur {count} ; le pod {pod} ({reason}) : {cause}', en: '{ready} of its {count} pod(s) ready; pod {pod} ({reason}): {cause}' },
  'pods-not-ready-yet': { fr: '{ready} pod(s) prêt(s) sur {count}', en: '{ready} of its {count} pod(s) ready' },
};
