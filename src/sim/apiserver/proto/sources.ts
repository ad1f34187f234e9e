// The upstream generated.proto files (unmodified, see SOURCES.md), embedded as text so the bundle needs no
// files beside it.
import apimachineryResource from './k8s.io/apimachinery/pkg/api/resource/generated.proto?raw';
import apimachineryMeta from './k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto?raw';
import apimachineryRuntime from './k8s.io/apimachinery/pkg/runtime/generated.proto?raw';
import apimachinerySchema from './k8s.io/apimachinery/pkg/runtime/schema/generated.proto?raw';
import apimachineryIntstr from './k8s.io/apimachinery/pkg/util/intstr/generated.proto?raw';
import admissionregistrationV1 from './k8s.io/api/admissionregistration/v1/generated.proto?raw';
import appsV1 from './k8s.io/api/apps/v1/generated.proto?raw';
import authorizationV1 from './k8s.io/api/authorization/v1/generated.proto?raw';
import coreV1 from './k8s.io/api/core/v1/generated.proto?raw';
import storageV1 from './k8s.io/api/storage/v1/generated.proto?raw';

export const PROTO_SOURCES: string[] = [apimachineryResource, apimachineryMeta, apimachineryRuntime, apimachinerySchema, apimachineryIntstr, admissionregistrationV1, appsV1, authorizationV1, coreV1, storageV1];
