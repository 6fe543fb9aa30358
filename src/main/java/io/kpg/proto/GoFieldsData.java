package io.kpg.proto;

/**
 * How upstream's Go types map onto their protobuf messages, for what the descriptors cannot say:
 * which fields are Go pointers (a zero value on the wire is still a value), which value fields lack
 * {@code omitempty} (their zero value is still written to JSON), which embedded structs are inlined
 * into their parent's JSON, and where the JSON name differs from the proto field name.
 *
 * <p>Derived from the struct tags in kubernetes/api, kubernetes/apimachinery and
 * kubernetes/apiextensions-apiserver. One block per proto package ({@code @package}), then one line
 * per message: the message name followed by its non-default fields as {@code
 * protoName[:flags][=jsonName]} with flags {@code p} pointer, {@code a} always emitted (no
 * omitempty), {@code i} inlined, {@code x} not serialized to JSON. The {@code @slices} block lists
 * messages that are Go named slice types ({@code type ExtraValue []string}) whose JSON is the array
 * of their {@code items}. Messages listed without fields have only default fields (value,
 * omitempty, same name).
 */
final class GoFieldsData {
  private GoFieldsData() {}

  static final String[] CHUNKS = {
    """
    @k8s.io.api.admission.v1
    AdmissionRequest uid:a kind:a resource:a requestKind:p requestResource:p operation:a userInfo:a dryRun:p
    AdmissionResponse uid:a allowed:a status:p patchType:p
    AdmissionReview request:p response:p
    @k8s.io.api.admission.v1beta1
    AdmissionRequest uid:a kind:a resource:a requestKind:p requestResource:p operation:a userInfo:a dryRun:p
    AdmissionResponse uid:a allowed:a status:p patchType:p
    AdmissionReview request:p response:p
    @k8s.io.api.admissionregistration.v1
    ApplyConfiguration
    AuditAnnotation key:a valueExpression:a
    ExpressionWarning fieldRef:a warning:a
    JSONPatch
    MatchCondition name:a expression:a
    MatchResources namespaceSelector:p objectSelector:p matchPolicy:p
    MutatingAdmissionPolicy
    MutatingAdmissionPolicyBinding
    MutatingAdmissionPolicyBindingList
    MutatingAdmissionPolicyBindingSpec paramRef:p matchResources:p
    MutatingAdmissionPolicyList
    MutatingAdmissionPolicySpec paramKind:p matchConstraints:p failurePolicy:p
    MutatingWebhook name:a clientConfig:a failurePolicy:p matchPolicy:p namespaceSelector:p objectSelector:p sideEffects:p timeoutSeconds:p reinvocationPolicy:p
    MutatingWebhookConfiguration Webhooks=webhooks
    MutatingWebhookConfigurationList
    Mutation patchType:a applyConfiguration:p jsonPatch:p
    NamedRuleWithOperations ruleWithOperations:i
    ParamKind
    ParamRef selector:p parameterNotFoundAction:p
    Rule scope:p
    RuleWithOperations rule:i
    ServiceReference namespace:a name:a path:p port:p
    TypeChecking
    ValidatingAdmissionPolicy
    ValidatingAdmissionPolicyBinding
    ValidatingAdmissionPolicyBindingList
    ValidatingAdmissionPolicyBindingSpec paramRef:p matchResources:p
    ValidatingAdmissionPolicyList
    ValidatingAdmissionPolicySpec paramKind:p matchConstraints:p failurePolicy:p
    ValidatingAdmissionPolicyStatus typeChecking:p
    ValidatingWebhook name:a clientConfig:a failurePolicy:p matchPolicy:p namespaceSelector:p objectSelector:p sideEffects:p timeoutSeconds:p
    ValidatingWebhookConfiguration Webhooks=webhooks
    ValidatingWebhookConfigurationList
    Validation Expression:a=expression reason:p
    Variable Name:a=name Expression:a=expression
    WebhookClientConfig url:p service:p
    @k8s.io.api.admissionregistration.v1alpha1
    ApplyConfiguration
    AuditAnnotation key:a valueExpression:a
    ExpressionWarning fieldRef:a warning:a
    JSONPatch
    MatchResources namespaceSelector:p objectSelector:p matchPolicy:p
    MutatingAdmissionPolicy
    MutatingAdmissionPolicyBinding
    MutatingAdmissionPolicyBindingList
    MutatingAdmissionPolicyBindingSpec paramRef:p matchResources:p
    MutatingAdmissionPolicyList
    MutatingAdmissionPolicySpec paramKind:p matchConstraints:p failurePolicy:p
    Mutation patchType:a applyConfiguration:p jsonPatch:p
    NamedRuleWithOperations ruleWithOperations:i
    ParamKind
    ParamRef selector:p parameterNotFoundAction:p
    TypeChecking
    ValidatingAdmissionPolicy
    ValidatingAdmissionPolicyBinding
    ValidatingAdmissionPolicyBindingList
    ValidatingAdmissionPolicyBindingSpec paramRef:p matchResources:p
    ValidatingAdmissionPolicyList
    ValidatingAdmissionPolicySpec paramKind:p matchConstraints:p failurePolicy:p
    ValidatingAdmissionPolicyStatus typeChecking:p
    Validation Expression:a=expression reason:p
    Variable Name:a=name Expression:a=expression
    @k8s.io.api.admissionregistration.v1beta1
    ApplyConfiguration
    AuditAnnotation key:a valueExpression:a
    ExpressionWarning fieldRef:a warning:a
    JSONPatch
    MatchCondition name:a expression:a
    MatchResources namespaceSelector:p objectSelector:p matchPolicy:p
    MutatingAdmissionPolicy
    MutatingAdmissionPolicyBinding
    MutatingAdmissionPolicyBindingList
    MutatingAdmissionPolicyBindingSpec paramRef:p matchResources:p
    MutatingAdmissionPolicyList
    MutatingAdmissionPolicySpec paramKind:p matchConstraints:p failurePolicy:p
    MutatingWebhook name:a clientConfig:a failurePolicy:p matchPolicy:p namespaceSelector:p objectSelector:p sideEffects:p timeoutSeconds:p reinvocationPolicy:p
    MutatingWebhookConfiguration Webhooks=webhooks
    MutatingWebhookConfigurationList
    Mutation patchType:a applyConfiguration:p jsonPatch:p
    NamedRuleWithOperations ruleWithOperations:i
    ParamKind
    ParamRef selector:p parameterNotFoundAction:p
    ServiceReference namespace:a name:a path:p port:p
    TypeChecking
    ValidatingAdmissionPolicy
    ValidatingAdmissionPolicyBinding
    ValidatingAdmissionPolicyBindingList
    ValidatingAdmissionPolicyBindingSpec paramRef:p matchResources:p
    ValidatingAdmissionPolicyList
    ValidatingAdmissionPolicySpec paramKind:p matchConstraints:p failurePolicy:p
    ValidatingAdmissionPolicyStatus typeChecking:p
    ValidatingWebhook name:a clientConfig:a failurePolicy:p matchPolicy:p namespaceSelector:p objectSelector:p sideEffects:p timeoutSeconds:p
    ValidatingWebhookConfiguration Webhooks=webhooks
    ValidatingWebhookConfigurationList
    Validation Expression:a=expression reason:p
    Variable Name:a=name Expression:a=expression
    WebhookClientConfig url:p service:p
    @k8s.io.api.apidiscovery.v2
    APIGroupDiscovery
    APIGroupDiscoveryList
    APIResourceDiscovery resource:a responseKind:p scope:a singularResource:a
    APISubresourceDiscovery subresource:a responseKind:p
    APIVersionDiscovery version:a
    @k8s.io.api.apidiscovery.v2beta1
    APIGroupDiscovery
    APIGroupDiscoveryList
    APIResourceDiscovery resource:a responseKind:p scope:a singularResource:a
    APISubresourceDiscovery subresource:a responseKind:p
    APIVersionDiscovery version:a
    @k8s.io.api.apiserverinternal.v1alpha1
    ServerStorageVersion
    StorageVersion spec:a status:a
    StorageVersionCondition type:a status:a reason:a
    StorageVersionList
    StorageVersionStatus commonEncodingVersion:p
    @k8s.io.api.apps.v1
    ControllerRevision data:a revision:a
    ControllerRevisionList
    DaemonSet
    DaemonSetCondition type:a status:a
    DaemonSetList
    DaemonSetSpec selector:p template:a revisionHistoryLimit:p
    DaemonSetStatus currentNumberScheduled:a numberMisscheduled:a desiredNumberScheduled:a numberReady:a collisionCount:p
    DaemonSetUpdateStrategy rollingUpdate:p
    Deployment
    DeploymentCondition type:a status:a
    DeploymentList
    DeploymentSpec replicas:p selector:p template:a revisionHistoryLimit:p progressDeadlineSeconds:p
    DeploymentStatus terminatingReplicas:p collisionCount:p
    DeploymentStrategy rollingUpdate:p
    ReplicaSet
    ReplicaSetCondition type:a status:a
    ReplicaSetList
    ReplicaSetSpec replicas:p selector:p
    ReplicaSetStatus replicas:a terminatingReplicas:p
    RollingUpdateDaemonSet maxUnavailable:p maxSurge:p
    RollingUpdateDeployment maxUnavailable:p maxSurge:p
    RollingUpdateStatefulSetStrategy partition:p maxUnavailable:p
    StatefulSet
    StatefulSetCondition type:a status:a
    StatefulSetList
    StatefulSetOrdinals start:a
    StatefulSetPersistentVolumeClaimRetentionPolicy
    StatefulSetSpec replicas:p selector:p template:a serviceName:a revisionHistoryLimit:p persistentVolumeClaimRetentionPolicy:p ordinals:p
    StatefulSetStatus replicas:a collisionCount:p availableReplicas:a
    StatefulSetUpdateStrategy rollingUpdate:p
    @k8s.io.api.apps.v1beta1
    ControllerRevision data:a revision:a
    ControllerRevisionList
    Deployment
    DeploymentCondition type:a status:a
    DeploymentList
    DeploymentRollback name:a rollbackTo:a
    DeploymentSpec replicas:p selector:p template:a revisionHistoryLimit:p rollbackTo:p progressDeadlineSeconds:p
    DeploymentStatus terminatingReplicas:p collisionCount:p
    DeploymentStrategy rollingUpdate:p
    RollbackConfig
    RollingUpdateDeployment maxUnavailable:p maxSurge:p
    RollingUpdateStatefulSetStrategy partition:p maxUnavailable:p
    Scale
    ScaleSpec
    ScaleStatus replicas:a
    StatefulSet
    StatefulSetCondition type:a status:a
    StatefulSetList
    StatefulSetOrdinals start:a
    StatefulSetPersistentVolumeClaimRetentionPolicy
    StatefulSetSpec replicas:p selector:p template:a serviceName:a revisionHistoryLimit:p persistentVolumeClaimRetentionPolicy:p ordinals:p
    StatefulSetStatus observedGeneration:p replicas:a collisionCount:p availableReplicas:a
    StatefulSetUpdateStrategy rollingUpdate:p
    @k8s.io.api.apps.v1beta2
    ControllerRevision data:a revision:a
    ControllerRevisionList
    DaemonSet
    DaemonSetCondition type:a status:a
    DaemonSetList
    DaemonSetSpec selector:p template:a revisionHistoryLimit:p
    DaemonSetStatus currentNumberScheduled:a numberMisscheduled:a desiredNumberScheduled:a numberReady:a collisionCount:p
    DaemonSetUpdateStrategy rollingUpdate:p
    Deployment
    DeploymentCondition type:a status:a
    DeploymentList
    DeploymentSpec replicas:p selector:p template:a revisionHistoryLimit:p progressDeadlineSeconds:p
    DeploymentStatus terminatingReplicas:p collisionCount:p
    DeploymentStrategy rollingUpdate:p
    ReplicaSet
    ReplicaSetCondition type:a status:a
    ReplicaSetList
    ReplicaSetSpec replicas:p selector:p
    ReplicaSetStatus replicas:a terminatingReplicas:p
    RollingUpdateDaemonSet maxUnavailable:p maxSurge:p
    RollingUpdateDeployment maxUnavailable:p maxSurge:p
    RollingUpdateStatefulSetStrategy partition:p maxUnavailable:p
    Scale
    ScaleSpec
    ScaleStatus replicas:a
    StatefulSet
    StatefulSetCondition type:a status:a
    StatefulSetList
    StatefulSetOrdinals start:a
    StatefulSetPersistentVolumeClaimRetentionPolicy
    StatefulSetSpec replicas:p selector:p template:a serviceName:a revisionHistoryLimit:p persistentVolumeClaimRetentionPolicy:p ordinals:p
    StatefulSetStatus replicas:a collisionCount:p availableReplicas:a
    StatefulSetUpdateStrategy rollingUpdate:p
    @k8s.io.api.authentication.v1
    BoundObjectReference uID=uid
    SelfSubjectReview
    SelfSubjectReviewStatus
    TokenRequest spec:a
    TokenRequestSpec expirationSeconds:p boundObjectRef:p
    TokenRequestStatus token:a expirationTimestamp:a
    TokenReview spec:a
    TokenReviewSpec
    TokenReviewStatus
    UserInfo
    @k8s.io.api.authentication.v1alpha1
    SelfSubjectReview
    SelfSubjectReviewStatus
    @k8s.io.api.authentication.v1beta1
    SelfSubjectReview
    SelfSubjectReviewStatus
    TokenReview spec:a
    TokenReviewSpec
    TokenReviewStatus
    UserInfo
    @k8s.io.api.authorization.v1
    FieldSelectorAttributes
    LabelSelectorAttributes
    LocalSubjectAccessReview spec:a
    NonResourceAttributes
    NonResourceRule
    ResourceAttributes fieldSelector:p labelSelector:p
    ResourceRule
    SelfSubjectAccessReview spec:a
    SelfSubjectAccessReviewSpec resourceAttributes:p nonResourceAttributes:p
    SelfSubjectRulesReview spec:a
    SelfSubjectRulesReviewSpec
    SubjectAccessReview spec:a
    SubjectAccessReviewSpec resourceAttributes:p nonResourceAttributes:p
    SubjectAccessReviewStatus allowed:a
    SubjectRulesReviewStatus incomplete:a
    @k8s.io.api.authorization.v1beta1
    LocalSubjectAccessReview spec:a
    NonResourceAttributes
    NonResourceRule
    ResourceAttributes fieldSelector:p labelSelector:p
    ResourceRule
    SelfSubjectAccessReview spec:a
    SelfSubjectAccessReviewSpec resourceAttributes:p nonResourceAttributes:p
    SelfSubjectRulesReview spec:a
    SelfSubjectRulesReviewSpec
    SubjectAccessReview spec:a
    SubjectAccessReviewSpec resourceAttributes:p nonResourceAttributes:p
    SubjectAccessReviewStatus allowed:a
    SubjectRulesReviewStatus incomplete:a
    @k8s.io.api.autoscaling.v1
    ContainerResourceMetricSource name:a targetAverageUtilization:p targetAverageValue:p container:a
    ContainerResourceMetricStatus name:a currentAverageUtilization:p currentAverageValue:a container:a
    CrossVersionObjectReference kind:a name:a
    ExternalMetricSource metricName:a metricSelector:p targetValue:p targetAverageValue:p
    ExternalMetricStatus metricName:a metricSelector:p currentValue:a currentAverageValue:p
    HorizontalPodAutoscaler
    HorizontalPodAutoscalerCondition type:a status:a observedGeneration:p
    HorizontalPodAutoscalerList
    HorizontalPodAutoscalerSpec scaleTargetRef:a minReplicas:p maxReplicas:a targetCPUUtilizationPercentage:p
    HorizontalPodAutoscalerStatus observedGeneration:p lastScaleTime:p currentReplicas:a desiredReplicas:a currentCPUUtilizationPercentage:p
    MetricSpec type:a object:p pods:p resource:p containerResource:p external:p
    MetricStatus type:a object:p pods:p resource:p containerResource:p external:p
    ObjectMetricSource target:a metricName:a targetValue:a selector:p averageValue:p
    ObjectMetricStatus target:a metricName:a currentValue:a selector:p averageValue:p
    PodsMetricSource metricName:a targetAverageValue:a selector:p
    PodsMetricStatus metricName:a currentAverageValue:a selector:p
    ResourceMetricSource name:a targetAverageUtilization:p targetAverageValue:p
    ResourceMetricStatus name:a currentAverageUtilization:p currentAverageValue:a
    Scale
    ScaleSpec
    ScaleStatus replicas:a
    @k8s.io.api.autoscaling.v2
    ContainerResourceMetricSource name:a target:a container:a
    ContainerResourceMetricStatus name:a current:a container:a
    CrossVersionObjectReference kind:a name:a
    ExternalMetricSource metric:a target:a
    ExternalMetricStatus metric:a current:a
    HPAScalingPolicy type:a value:a periodSeconds:a
    HPAScalingRules stabilizationWindowSeconds:p selectPolicy:p tolerance:p
    HorizontalPodAutoscaler
    HorizontalPodAutoscalerBehavior scaleUp:p scaleDown:p
    HorizontalPodAutoscalerCondition type:a status:a observedGeneration:p
    HorizontalPodAutoscalerList
    HorizontalPodAutoscalerSpec scaleTargetRef:a minReplicas:p maxReplicas:a behavior:p
    HorizontalPodAutoscalerStatus observedGeneration:p lastScaleTime:p desiredReplicas:a
    MetricIdentifier name:a selector:p
    MetricSpec type:a object:p pods:p resource:p containerResource:p external:p
    MetricStatus type:a object:p pods:p resource:p containerResource:p external:p
    MetricTarget type:a value:p averageValue:p averageUtilization:p
    MetricValueStatus value:p averageValue:p averageUtilization:p
    ObjectMetricSource describedObject:a target:a metric:a
    ObjectMetricStatus metric:a current:a describedObject:a
    PodsMetricSource metric:a target:a
    PodsMetricStatus metric:a current:a
    ResourceMetricSource name:a target:a
    ResourceMetricStatus name:a current:a
    @k8s.io.api.batch.v1
    CronJob
    CronJobList
    CronJobSpec schedule:a timeZone:p startingDeadlineSeconds:p suspend:p jobTemplate:a successfulJobsHistoryLimit:p failedJobsHistoryLimit:p
    CronJobStatus lastScheduleTime:p lastSuccessfulTime:p
    Job
    JobCondition type:a status:a
    JobList
    JobSchedulingConfiguration schedulingPolicy:p schedulingConstraints:p disruptionMode:p
    JobSpec parallelism:p completions:p activeDeadlineSeconds:p podFailurePolicy:p successPolicy:p backoffLimit:p backoffLimitPerIndex:p maxFailedIndexes:p selector:p manualSelector:p template:a ttlSecondsAfterFinished:p completionMode:p suspend:p podReplacementPolicy:p managedBy:p scheduling:p
    JobStatus startTime:p completionTime:p terminating:p failedIndexes:p uncountedTerminatedPods:p ready:p
    JobTemplateSpec
    PodFailurePolicy
    PodFailurePolicyOnExitCodesRequirement containerName:p operator:a
    PodFailurePolicyOnPodConditionsPattern type:a status:a
    PodFailurePolicyRule action:a onExitCodes:p
    SuccessPolicy
    SuccessPolicyRule succeededIndexes:p succeededCount:p
    UncountedTerminatedPods
    @k8s.io.api.batch.v1beta1
    CronJob
    CronJobList
    CronJobSpec schedule:a timeZone:p startingDeadlineSeconds:p suspend:p jobTemplate:a successfulJobsHistoryLimit:p failedJobsHistoryLimit:p
    CronJobStatus lastScheduleTime:p lastSuccessfulTime:p
    JobTemplateSpec
    @k8s.io.api.certificates.v1
    CertificateSigningRequest spec:a
    CertificateSigningRequestCondition type:a status:a
    CertificateSigningRequestList
    CertificateSigningRequestSpec request:a signerName:a expirationSeconds:p
    CertificateSigningRequestStatus
    ClusterTrustBundle spec:a
    ClusterTrustBundleList
    ClusterTrustBundleSpec trustBundle:a
    PodCertificateRequest spec:a
    PodCertificateRequestList
    PodCertificateRequestSpec signerName:a podName:a podUID:a serviceAccountName:a serviceAccountUID:a nodeName:a nodeUID:a maxExpirationSeconds:p stubPKCS10Request:a
    PodCertificateRequestStatus notBefore:p beginRefreshAt:p notAfter:p
    @k8s.io.api.certificates.v1alpha1
    ClusterTrustBundle spec:a
    ClusterTrustBundleList
    ClusterTrustBundleSpec trustBundle:a
    @k8s.io.api.certificates.v1beta1
    CertificateSigningRequest spec:a
    CertificateSigningRequestCondition type:a status:a
    CertificateSigningRequestList
    CertificateSigningRequestSpec request:a signerName:p expirationSeconds:p
    CertificateSigningRequestStatus
    ClusterTrustBundle spec:a
    ClusterTrustBundleList
    ClusterTrustBundleSpec trustBundle:a
    PodCertificateRequest spec:a
    PodCertificateRequestList
    PodCertificateRequestSpec signerName:a podName:a podUID:a serviceAccountName:a serviceAccountUID:a nodeName:a nodeUID:a maxExpirationSeconds:p pkixPublicKey:a proofOfPossession:a stubPKCS10Request:a
    PodCertificateRequestStatus notBefore:p beginRefreshAt:p notAfter:p
    @k8s.io.api.coordination.v1
    Lease
    LeaseList
    LeaseSpec holderIdentity:p leaseDurationSeconds:p acquireTime:p renewTime:p leaseTransitions:p strategy:p preferredHolder:p
    @k8s.io.api.coordination.v1alpha2
    LeaseCandidate
    LeaseCandidateList
    LeaseCandidateSpec leaseName:a pingTime:p renewTime:p binaryVersion:a
    @k8s.io.api.coordination.v1beta1
    Lease
    LeaseCandidate
    LeaseCandidateList
    LeaseCandidateSpec leaseName:a pingTime:p renewTime:p binaryVersion:a
    LeaseList
    LeaseSpec holderIdentity:p leaseDurationSeconds:p acquireTime:p renewTime:p leaseTransitions:p strategy:p preferredHolder:p
    @k8s.io.api.core.v1
    AWSElasticBlockStoreVolumeSource volumeID:a
    Affinity nodeAffinity:p podAffinity:p podAntiAffinity:p
    AppArmorProfile type:a localhostProfile:p
    AttachedVolume name:a devicePath:a
    AvoidPods
    AzureDiskVolumeSource diskName:a diskURI:a cachingMode:p fsType:p readOnly:p kind:p
    AzureFilePersistentVolumeSource secretName:a shareName:a secretNamespace:p
    AzureFileVolumeSource secretName:a shareName:a
    Binding target:a
    CSIPersistentVolumeSource driver:a volumeHandle:a controllerPublishSecretRef:p nodeStageSecretRef:p nodePublishSecretRef:p controllerExpandSecretRef:p nodeExpandSecretRef:p
    CSIVolumeSource driver:a readOnly:p fsType:p nodePublishSecretRef:p
    Capabilities
    CephFSPersistentVolumeSource secretRef:p
    CephFSVolumeSource secretRef:p
    CinderPersistentVolumeSource volumeID:a secretRef:p
    CinderVolumeSource volumeID:a secretRef:p
    ClientIPConfig timeoutSeconds:p
    ClusterTrustBundleProjection name:p signerName:p labelSelector:p optional:p path:a user:p
    ComponentCondition type:a status:a
    ComponentStatus
    ComponentStatusList
    ConfigMap immutable:p
    ConfigMapEnvSource localObjectReference:i optional:p
    ConfigMapKeySelector localObjectReference:i key:a optional:p
    ConfigMapList
    ConfigMapNodeConfigSource namespace:a name:a kubeletConfigKey:a
    ConfigMapProjection localObjectReference:i optional:p
    ConfigMapVolumeSource localObjectReference:i defaultMode:p optional:p defaultUser:p
    Container name:a restartPolicy:p livenessProbe:p readinessProbe:p startupProbe:p lifecycle:p securityContext:p
    ContainerExtendedResourceRequest containerName:a resourceName:a requestName:a
    ContainerImage
    ContainerPort containerPort:a
    ContainerResizePolicy resourceName:a restartPolicy:a
    ContainerRestartRule exitCodes:p
    ContainerRestartRuleOnExitCodes
    ContainerState waiting:p running:p terminated:p
    ContainerStateRunning
    ContainerStateTerminated exitCode:a
    ContainerStateWaiting
    ContainerStatus name:a ready:a restartCount:a image:a imageID:a started:p resources:p user:p stopSignal:p
    ContainerUser linux:p
    DaemonEndpoint Port:a
    DownwardAPIProjection
    DownwardAPIVolumeFile path:a fieldRef:p resourceFieldRef:p mode:p user:p
    DownwardAPIVolumeSource defaultMode:p defaultUser:p
    EmptyDirVolumeSource sizeLimit:p mode:p
    EndpointAddress ip:a nodeName:p targetRef:p
    EndpointPort port:a appProtocol:p
    EndpointSubset
    Endpoints
    EndpointsList
    EnvFromSource configMapRef:p secretRef:p
    EnvVar name:a valueFrom:p
    EnvVarSource fieldRef:p resourceFieldRef:p configMapKeyRef:p secretKeyRef:p fileKeyRef:p
    EphemeralContainer ephemeralContainerCommon:i
    EphemeralContainerCommon name:a restartPolicy:p livenessProbe:p readinessProbe:p startupProbe:p lifecycle:p securityContext:p
    EphemeralVolumeSource volumeClaimTemplate:p
    Event metadata:a involvedObject:a series:p related:p reportingComponent:a reportingInstance:a
    EventList
    EventSeries
    EventSource
    EvictionResponder name:a priority:p
    ExecAction
    FCVolumeSource lun:p
    FileKeySelector volumeName:a path:a key:a optional:p
    FlexPersistentVolumeSource driver:a secretRef:p
    FlexVolumeSource driver:a secretRef:p
    FlockerVolumeSource
    GCEPersistentDiskVolumeSource pdName:a
    GRPCAction port:a service:p mode:p
    GitRepoVolumeSource repository:a
    GlusterfsPersistentVolumeSource endpoints:a path:a endpointsNamespace:p
    GlusterfsVolumeSource endpoints:a path:a
    HTTPGetAction port:a protocol:p
    HTTPHeader name:a value:a
    HostAlias ip:a
    HostIP ip:a
    HostPathVolumeSource path:a type:p
    ISCSIPersistentVolumeSource targetPortal:a iqn:a lun:a secretRef:p initiatorName:p
    ISCSIVolumeSource targetPortal:a iqn:a lun:a secretRef:p initiatorName:p
    ImageVolumeSource
    ImageVolumeStatus
    KeyToPath key:a path:a mode:p user:p
    Lifecycle postStart:p preStop:p stopSignal:p
    LifecycleHandler exec:p httpGet:p tcpSocket:p sleep:p
    LimitRange
    LimitRangeItem type:a
    LimitRangeList
    LimitRangeSpec
    LinuxContainerUser uid:a gid:a
    LoadBalancerIngress ipMode:p
    LoadBalancerStatus
    LocalObjectReference
    LocalVolumeSource path:a fsType:p
    ModifyVolumeStatus status:a
    NFSVolumeSource server:a path:a
    Namespace
    NamespaceCondition type:a status:a
    NamespaceList
    NamespaceSpec
    NamespaceStatus
    Node
    NodeAddress type:a address:a
    NodeAffinity requiredDuringSchedulingIgnoredDuringExecution:p
    NodeAllocatableMappedResources name:a quantity:p
    NodeAllocatableOverheadResources name:a perPod:p perContainer:p
    NodeAllocatableResourceClaimStatus resourceClaimName:a
    NodeCondition type:a status:a
    NodeConfigSource configMap:p
    NodeConfigStatus assigned:p active:p lastKnownGood:p
    NodeDaemonEndpoints
    NodeFeatures supplementalGroupsPolicy:p
    NodeList
    NodePodPreemptionPolicy
    NodeProxyOptions
    NodeRuntimeHandler name:a features:p
    NodeRuntimeHandlerFeatures recursiveReadOnlyMounts:p userNamespaces:p
    NodeSelector
    NodeSelectorRequirement key:a operator:a
    NodeSelectorTerm
    NodeSpec configSource:p podPreemptionPolicy:p
    NodeStatus config:p features:p
    NodeSwapStatus capacity:p
    NodeSystemInfo machineID:a systemUUID:a bootID:a kernelVersion:a osImage:a containerRuntimeVersion:a kubeletVersion:a kubeProxyVersion:a operatingSystem:a architecture:a swap:p
    ObjectFieldSelector fieldPath:a
    ObjectReference
    PersistentVolume
    PersistentVolumeClaim
    PersistentVolumeClaimCondition type:a status:a
    PersistentVolumeClaimList
    PersistentVolumeClaimSpec selector:p storageClassName:p volumeMode:p dataSource:p dataSourceRef:p volumeAttributesClassName:p
    PersistentVolumeClaimStatus currentVolumeAttributesClassName:p modifyVolumeStatus:p healthStatus:p
    PersistentVolumeClaimTemplate spec:a
    PersistentVolumeClaimVolumeSource claimName:a
    PersistentVolumeList
    PersistentVolumeSource gcePersistentDisk:p awsElasticBlockStore:p hostPath:p glusterfs:p nfs:p rbd:p iscsi:p cinder:p cephfs:p fc:p flocker:p flexVolume:p azureFile:p vsphereVolume:p quobyte:p azureDisk:p photonPersistentDisk:p portworxVolume:p scaleIO:p local:p storageos:p csi:p
    PersistentVolumeSpec persistentVolumeSource:i claimRef:p volumeMode:p nodeAffinity:p volumeAttributesClassName:p
    PersistentVolumeStatus lastPhaseTransitionTime:p
    PhotonPersistentDiskVolumeSource pdID:a
    Pod
    PodAffinity
    PodAffinityTerm labelSelector:p topologyKey:a namespaceSelector:p
    PodAntiAffinity
    PodAttachOptions
    PodCertificateProjection maxExpirationSeconds:p user:p
    PodCondition type:a status:a
    PodDNSConfig
    PodDNSConfigOption value:p
    PodExecOptions
    PodExtendedResourceClaimStatus resourceClaimName:a
    PodIP ip:a
    PodList
    PodLogOptions sinceSeconds:p sinceTime:p tailLines:p limitBytes:p stream:p
    PodOS name:a
    PodPortForwardOptions
    PodProxyOptions
    PodReadinessGate conditionType:a
    PodResourceClaim name:a resourceClaimName:p resourceClaimTemplateName:p
    PodResourceClaimStatus name:a resourceClaimName:p
    PodSchedulingGate name:a
    PodSchedulingGroup podGroupName:p
    PodSecurityContext seLinuxOptions:p windowsOptions:p runAsUser:p runAsGroup:p runAsNonRoot:p supplementalGroupsPolicy:p fsGroup:p fsGroupChangePolicy:p seccompProfile:p appArmorProfile:p seLinuxChangePolicy:p
    PodSignature podController:p
    PodSpec terminationGracePeriodSeconds:p activeDeadlineSeconds:p automountServiceAccountToken:p shareProcessNamespace:p securityContext:p affinity:p priority:p dnsConfig:p runtimeClassName:p enableServiceLinks:p preemptionPolicy:p setHostnameAsFQDN:p os:p hostUsers:p resources:p hostnameOverride:p schedulingGroup:p
    PodStatus startTime:p extendedResourceClaimStatus:p resources:p
    PodTemplate
    PodTemplateList
    PodTemplateSpec
    PodVolumeHealth name:a
    PortStatus port:a protocol:a error:p
    PortworxVolumeSource volumeID:a
    Preconditions uid:p
    PreferAvoidPodsEntry podSignature:a
    PreferredSchedulingTerm weight:a preference:a
    Probe handler:i terminationGracePeriodSeconds:p
    ProbeHandler exec:p httpGet:p tcpSocket:p grpc:p
    ProjectedVolumeSource defaultMode:p defaultUser:p
    QuobyteVolumeSource registry:a volume:a
    RBDPersistentVolumeSource image:a secretRef:p
    RBDVolumeSource image:a secretRef:p
    RangeAllocation range:a data:a
    ReplicationController
    ReplicationControllerCondition type:a status:a
    ReplicationControllerList
    ReplicationControllerSpec replicas:p template:p
    ReplicationControllerStatus replicas:a
    ResourceClaim name:a
    ResourceFieldSelector resource:a
    ResourceHealth resourceID:a message:p
    ResourceQuota
    ResourceQuotaList
    ResourceQuotaSpec scopeSelector:p
    ResourceQuotaStatus
    ResourceRequirements
    ResourceStatus name:a
    SELinuxOptions
    ScaleIOPersistentVolumeSource gateway:a system:a secretRef:p
    ScaleIOVolumeSource gateway:a system:a secretRef:p
    ScopeSelector
    ScopedResourceSelectorRequirement scopeName:a operator:a
    SeccompProfile type:a localhostProfile:p
    Secret immutable:p
    SecretEnvSource localObjectReference:i optional:p
    SecretKeySelector localObjectReference:i key:a optional:p
    SecretList
    SecretProjection localObjectReference:i optional:p
    SecretReference
    SecretVolumeSource defaultMode:p optional:p defaultUser:p
    SecurityContext capabilities:p privileged:p seLinuxOptions:p windowsOptions:p runAsUser:p runAsGroup:p runAsNonRoot:p readOnlyRootFilesystem:p allowPrivilegeEscalation:p procMount:p seccompProfile:p appArmorProfile:p
    SerializedReference
    Service
    ServiceAccount automountServiceAccountToken:p
    ServiceAccountList
    ServiceAccountTokenProjection expirationSeconds:p path:a user:p
    ServiceList
    ServicePort appProtocol:p port:a
    ServiceProxyOptions
    ServiceSpec sessionAffinityConfig:p ipFamilyPolicy:p allocateLoadBalancerNodePorts:p loadBalancerClass:p internalTrafficPolicy:p trafficDistribution:p
    ServiceStatus
    SessionAffinityConfig clientIP:p
    SleepAction seconds:a
    StorageOSPersistentVolumeSource secretRef:p
    StorageOSVolumeSource secretRef:p
    Sysctl name:a value:a
    TCPSocketAction port:a
    Taint key:a effect:a timeAdded:p
    Toleration tolerationSeconds:p
    TopologySelectorLabelRequirement key:a
    TopologySelectorTerm
    TopologySpreadConstraint maxSkew:a topologyKey:a whenUnsatisfiable:a labelSelector:p minDomains:p nodeAffinityPolicy:p nodeTaintsPolicy:p
    TypedLocalObjectReference apiGroup:p kind:a name:a
    TypedObjectReference apiGroup:p kind:a name:a namespace:p
    Volume name:a volumeSource:i
    VolumeDevice name:a devicePath:a
    VolumeHealthCondition status:a reason:a
    VolumeHealthStatus
    VolumeMount name:a recursiveReadOnly:p mountPath:a mountPropagation:p
    VolumeMountStatus name:a mountPath:a recursiveReadOnly:p volumeStatus:p
    VolumeNodeAffinity required:p
    VolumeProjection secret:p downwardAPI:p configMap:p serviceAccountToken:p clusterTrustBundle:p podCertificate:p
    VolumeResourceRequirements
    VolumeSource hostPath:p emptyDir:p gcePersistentDisk:p awsElasticBlockStore:p gitRepo:p secret:p nfs:p iscsi:p glusterfs:p persistentVolumeClaim:p rbd:p flexVolume:p cinder:p cephfs:p flocker:p downwardAPI:p fc:p azureFile:p configMap:p vsphereVolume:p quobyte:p azureDisk:p photonPersistentDisk:p projected:p portworxVolume:p scaleIO:p storageos:p csi:p ephemeral:p image:p
    VolumeStatus image:p
    VsphereVirtualDiskVolumeSource volumePath:a
    WeightedPodAffinityTerm weight:a podAffinityTerm:a
    WindowsSecurityContextOptions gmsaCredentialSpecName:p gmsaCredentialSpec:p runAsUserName:p hostProcess:p
    @k8s.io.api.discovery.v1
    Endpoint hostname:p targetRef:p nodeName:p zone:p hints:p
    EndpointConditions ready:p serving:p terminating:p
    EndpointHints
    EndpointPort name:p protocol:p port:p appProtocol:p
    EndpointSlice addressType:a
    EndpointSliceList
    ForNode name:a
    ForZone name:a
    @k8s.io.api.discovery.v1beta1
    Endpoint hostname:p targetRef:p nodeName:p hints:p
    EndpointConditions ready:p serving:p terminating:p
    EndpointHints
    EndpointPort name:p protocol:p port:p appProtocol:p
    EndpointSlice addressType:a
    EndpointSliceList
    ForNode name:a
    ForZone name:a
    @k8s.io.api.events.v1
    Event metadata:a eventTime:a series:p related:p
    EventList
    EventSeries count:a lastObservedTime:a
    @k8s.io.api.events.v1beta1
    Event metadata:a eventTime:a series:p related:p
    EventList
    EventSeries count:a lastObservedTime:a
    @k8s.io.api.extensions.v1beta1
    DaemonSet
    DaemonSetCondition type:a status:a
    DaemonSetList
    DaemonSetSpec selector:p template:a revisionHistoryLimit:p
    DaemonSetStatus currentNumberScheduled:a numberMisscheduled:a desiredNumberScheduled:a numberReady:a collisionCount:p
    DaemonSetUpdateStrategy rollingUpdate:p
    Deployment
    DeploymentCondition type:a status:a
    DeploymentList
    DeploymentRollback name:a rollbackTo:a
    DeploymentSpec replicas:p selector:p template:a revisionHistoryLimit:p rollbackTo:p progressDeadlineSeconds:p
    DeploymentStatus terminatingReplicas:p collisionCount:p
    DeploymentStrategy rollingUpdate:p
    HTTPIngressPath pathType:p backend:a
    HTTPIngressRuleValue
    IPBlock cidr:a
    Ingress
    IngressBackend resource:p
    IngressList
    IngressLoadBalancerIngress
    IngressLoadBalancerStatus
    IngressPortStatus port:a protocol:a error:p
    IngressRule ingressRuleValue:i
    IngressRuleValue http:p
    IngressSpec ingressClassName:p backend:p
    IngressStatus
    IngressTLS
    NetworkPolicy
    NetworkPolicyEgressRule
    NetworkPolicyIngressRule
    NetworkPolicyList
    NetworkPolicyPeer podSelector:p namespaceSelector:p ipBlock:p
    NetworkPolicyPort protocol:p port:p endPort:p
    NetworkPolicySpec podSelector:a
    ReplicaSet
    ReplicaSetCondition type:a status:a
    ReplicaSetList
    ReplicaSetSpec replicas:p selector:p
    ReplicaSetStatus replicas:a terminatingReplicas:p
    RollbackConfig
    RollingUpdateDaemonSet maxUnavailable:p maxSurge:p
    RollingUpdateDeployment maxUnavailable:p maxSurge:p
    Scale
    ScaleSpec
    ScaleStatus replicas:a
    @k8s.io.api.flowcontrol.v1
    ExemptPriorityLevelConfiguration nominalConcurrencyShares:p lendablePercent:p
    FlowDistinguisherMethod type:a
    FlowSchema
    FlowSchemaCondition
    FlowSchemaList
    FlowSchemaSpec priorityLevelConfiguration:a matchingPrecedence:a distinguisherMethod:p
    FlowSchemaStatus
    GroupSubject name:a
    LimitResponse type:a queuing:p
    LimitedPriorityLevelConfiguration nominalConcurrencyShares:p lendablePercent:p borrowingLimitPercent:p
    NonResourcePolicyRule
    PolicyRulesWithSubjects
    PriorityLevelConfiguration
    PriorityLevelConfigurationCondition
    PriorityLevelConfigurationList
    PriorityLevelConfigurationReference name:a
    PriorityLevelConfigurationSpec type:a limited:p exempt:p
    PriorityLevelConfigurationStatus
    QueuingConfiguration queues:a handSize:a queueLengthLimit:a
    ResourcePolicyRule
    ServiceAccountSubject namespace:a name:a
    Subject kind:a user:p group:p serviceAccount:p
    UserSubject name:a
    @k8s.io.api.flowcontrol.v1beta1
    ExemptPriorityLevelConfiguration nominalConcurrencyShares:p lendablePercent:p
    FlowDistinguisherMethod type:a
    FlowSchema
    FlowSchemaCondition
    FlowSchemaList
    FlowSchemaSpec priorityLevelConfiguration:a matchingPrecedence:a distinguisherMethod:p
    FlowSchemaStatus
    GroupSubject name:a
    LimitResponse type:a queuing:p
    LimitedPriorityLevelConfiguration assuredConcurrencyShares:a lendablePercent:p borrowingLimitPercent:p
    NonResourcePolicyRule
    PolicyRulesWithSubjects
    PriorityLevelConfiguration
    PriorityLevelConfigurationCondition
    PriorityLevelConfigurationList
    PriorityLevelConfigurationReference name:a
    PriorityLevelConfigurationSpec type:a limited:p exempt:p
    PriorityLevelConfigurationStatus
    QueuingConfiguration queues:a handSize:a queueLengthLimit:a
    ResourcePolicyRule
    ServiceAccountSubject namespace:a name:a
    Subject kind:a user:p group:p serviceAccount:p
    UserSubject name:a
    @k8s.io.api.flowcontrol.v1beta2
    ExemptPriorityLevelConfiguration nominalConcurrencyShares:p lendablePercent:p
    FlowDistinguisherMethod type:a
    FlowSchema
    FlowSchemaCondition
    FlowSchemaList
    FlowSchemaSpec priorityLevelConfiguration:a matchingPrecedence:a distinguisherMethod:p
    FlowSchemaStatus
    GroupSubject name:a
    LimitResponse type:a queuing:p
    LimitedPriorityLevelConfiguration assuredConcurrencyShares:a lendablePercent:p borrowingLimitPercent:p
    NonResourcePolicyRule
    PolicyRulesWithSubjects
    PriorityLevelConfiguration
    PriorityLevelConfigurationCondition
    PriorityLevelConfigurationList
    PriorityLevelConfigurationReference name:a
    PriorityLevelConfigurationSpec type:a limited:p exempt:p
    PriorityLevelConfigurationStatus
    QueuingConfiguration queues:a handSize:a queueLengthLimit:a
    ResourcePolicyRule
    ServiceAccountSubject namespace:a name:a
    Subject kind:a user:p group:p serviceAccount:p
    UserSubject name:a
    @k8s.io.api.flowcontrol.v1beta3
    ExemptPriorityLevelConfiguration nominalConcurrencyShares:p lendablePercent:p
    FlowDistinguisherMethod type:a
    FlowSchema
    FlowSchemaCondition
    FlowSchemaList
    FlowSchemaSpec priorityLevelConfiguration:a matchingPrecedence:a distinguisherMethod:p
    FlowSchemaStatus
    GroupSubject name:a
    LimitResponse type:a queuing:p
    LimitedPriorityLevelConfiguration nominalConcurrencyShares:a lendablePercent:p borrowingLimitPercent:p
    NonResourcePolicyRule
    PolicyRulesWithSubjects
    PriorityLevelConfiguration
    PriorityLevelConfigurationCondition
    PriorityLevelConfigurationList
    PriorityLevelConfigurationReference name:a
    PriorityLevelConfigurationSpec type:a limited:p exempt:p
    PriorityLevelConfigurationStatus
    QueuingConfiguration queues:a handSize:a queueLengthLimit:a
    ResourcePolicyRule
    ServiceAccountSubject namespace:a name:a
    Subject kind:a user:p group:p serviceAccount:p
    UserSubject name:a
    @k8s.io.api.imagepolicy.v1alpha1
    ImageReview spec:a
    ImageReviewContainerSpec
    ImageReviewSpec
    ImageReviewStatus allowed:a
    @k8s.io.api.lifecycle.v1alpha1
    Eviction spec:a
    EvictionList
    EvictionPodReference name:a uid:a
    EvictionRequest spec:a
    EvictionRequestList
    EvictionRequestPodReference name:a uid:a
    EvictionRequestSpec target:a requester:a intent:a
    EvictionRequestStatus observedGeneration:p
    EvictionRequestTarget pod:p
    EvictionSpec target:a
    EvictionStatus observedGeneration:p
    EvictionTarget pod:p
    Requester name:a intent:a
    ResponderStatus name:a startTime:p heartbeatTime:p expectedCompletionTime:p completionTime:p message:p
    TargetResponder name:a priority:p state:a
    @k8s.io.api.networking.v1
    HTTPIngressPath pathType:p backend:a
    HTTPIngressRuleValue
    IPAddress
    IPAddressList
    IPAddressSpec parentRef:p
    IPBlock cidr:a
    Ingress
    IngressBackend service:p resource:p
    IngressClass
    IngressClassList
    IngressClassParametersReference aPIGroup:p=apiGroup kind:a name:a scope:p namespace:p
    IngressClassSpec parameters:p
    IngressList
    IngressLoadBalancerIngress
    IngressLoadBalancerStatus
    IngressPortStatus port:a protocol:a error:p
    IngressRule ingressRuleValue:i
    IngressRuleValue http:p
    IngressServiceBackend name:a
    IngressSpec ingressClassName:p defaultBackend:p
    IngressStatus
    IngressTLS
    NetworkPolicy
    NetworkPolicyEgressRule
    NetworkPolicyIngressRule
    NetworkPolicyList
    NetworkPolicyPeer podSelector:p namespaceSelector:p ipBlock:p
    NetworkPolicyPort protocol:p port:p endPort:p
    NetworkPolicySpec podSelector:a
    ParentReference
    ServiceBackendPort
    ServiceCIDR
    ServiceCIDRList
    ServiceCIDRSpec
    ServiceCIDRStatus
    @k8s.io.api.networking.v1beta1
    HTTPIngressPath pathType:p backend:a
    HTTPIngressRuleValue
    IPAddress
    IPAddressList
    IPAddressSpec parentRef:p
    Ingress
    IngressBackend resource:p
    IngressClass
    IngressClassList
    IngressClassParametersReference aPIGroup:p=apiGroup kind:a name:a scope:p namespace:p
    IngressClassSpec parameters:p
    IngressList
    IngressLoadBalancerIngress
    IngressLoadBalancerStatus
    IngressPortStatus port:a protocol:a error:p
    IngressRule ingressRuleValue:i
    IngressRuleValue http:p
    IngressSpec ingressClassName:p backend:p
    IngressStatus
    IngressTLS
    ParentReference
    ServiceCIDR
    ServiceCIDRList
    ServiceCIDRSpec
    ServiceCIDRStatus
    @k8s.io.api.node.v1
    Overhead
    RuntimeClass handler:a overhead:p scheduling:p
    RuntimeClassList
    Scheduling
    @k8s.io.api.node.v1alpha1
    Overhead
    RuntimeClass spec:a
    RuntimeClassList
    RuntimeClassSpec runtimeHandler:a overhead:p scheduling:p
    Scheduling
    @k8s.io.api.node.v1beta1
    Overhead
    RuntimeClass handler:a overhead:p scheduling:p
    RuntimeClassList
    Scheduling
    @k8s.io.api.policy.v1
    Eviction deleteOptions:p
    PodDisruptionBudget
    PodDisruptionBudgetList
    PodDisruptionBudgetSpec minAvailable:p selector:p maxUnavailable:p unhealthyPodEvictionPolicy:p
    PodDisruptionBudgetStatus disruptionsAllowed:a currentHealthy:a desiredHealthy:a expectedPods:a
    @k8s.io.api.policy.v1beta1
    Eviction deleteOptions:p
    PodDisruptionBudget
    PodDisruptionBudgetList
    PodDisruptionBudgetSpec minAvailable:p selector:p maxUnavailable:p unhealthyPodEvictionPolicy:p
    PodDisruptionBudgetStatus disruptionsAllowed:a currentHealthy:a desiredHealthy:a expectedPods:a
    @k8s.io.api.rbac.v1
    AggregationRule
    ClusterRole aggregationRule:p
    ClusterRoleBinding roleRef:a
    ClusterRoleBindingList
    ClusterRoleList
    PolicyRule
    Role
    RoleBinding roleRef:a
    RoleBindingList
    RoleList
    RoleRef apiGroup:a kind:a name:a
    Subject kind:a name:a
    @k8s.io.api.rbac.v1alpha1
    AggregationRule
    ClusterRole aggregationRule:p
    ClusterRoleBinding roleRef:a
    ClusterRoleBindingList
    ClusterRoleList
    PolicyRule
    Role
    RoleBinding roleRef:a
    RoleBindingList
    RoleList
    RoleRef apiGroup:a kind:a name:a
    Subject kind:a name:a
    @k8s.io.api.rbac.v1beta1
    AggregationRule
    ClusterRole aggregationRule:p
    ClusterRoleBinding roleRef:a
    ClusterRoleBindingList
    ClusterRoleList
    PolicyRule
    Role
    RoleBinding roleRef:a
    RoleBindingList
    RoleList
    RoleRef apiGroup:a kind:a name:a
    Subject kind:a name:a
    @k8s.io.api.resource.v1
    AllocatedDeviceStatus driver:a pool:a device:a shareID:p data:p networkData:p
    AllocationResult nodeSelector:p allocationTimestamp:p
    CELDeviceSelector expression:a
    CapacityRequestPolicy default:p validRange:p
    CapacityRequestPolicyRange min:p max:p step:p
    CapacityRequirements
    Counter value:a
    CounterSet name:a
    Device name:a nodeName:p nodeSelector:p allNodes:p bindsToNode:p allowMultipleAllocations:p
    DeviceAllocationConfiguration source:a deviceConfiguration:i
    DeviceAllocationResult
    DeviceAttribute int:p bool:p string:p version:p
    DeviceCapacity value:a requestPolicy:p
    DeviceClaim
    DeviceClaimConfiguration deviceConfiguration:i
    DeviceClass spec:a
    DeviceClassConfiguration deviceConfiguration:i
    DeviceClassList
    DeviceClassSpec extendedResourceName:p
    DeviceConfiguration opaque:p
    DeviceConstraint matchAttribute:p distinctAttribute:p
    DeviceCounterConsumption counterSet:a
    DeviceRequest name:a exactly:p
    DeviceRequestAllocationResult request:a driver:a pool:a device:a adminAccess:p shareID:p
    DeviceSelector cel:p
    DeviceSubRequest name:a deviceClassName:a capacity:p
    DeviceTaint key:a effect:a timeAdded:p
    DeviceTaintRule spec:a
    DeviceTaintRuleList
    DeviceTaintRuleSpec deviceSelector:p
    DeviceTaintRuleStatus
    DeviceTaintSelector driver:p pool:p device:p
    DeviceToleration tolerationSeconds:p
    ExactDeviceRequest deviceClassName:a adminAccess:p capacity:p
    NetworkDeviceData
    NodeAllocatableMapping capacityKey:p capacityMultiplier:p deviceMultiplier:p
    NodeAllocatableOverhead perPod:p perContainer:p
    NodeAllocatableResource mapping:p overhead:p
    OpaqueDeviceConfiguration driver:a parameters:a
    ResourceClaim spec:a
    ResourceClaimConsumerReference resource:a name:a uid:a
    ResourceClaimList
    ResourceClaimSpec devices:a
    ResourceClaimStatus allocation:p
    ResourceClaimTemplate spec:a
    ResourceClaimTemplateList
    ResourceClaimTemplateSpec spec:a
    ResourcePool name:a generation:a resourceSliceCount:a
    ResourceSlice spec:a
    ResourceSliceList
    ResourceSliceSpec driver:a pool:a nodeName:p nodeSelector:p allNodes:p perDeviceNodeSelection:p partitionTypeAttribute:p
    @k8s.io.api.resource.v1alpha3
    CELDeviceSelector expression:a
    DeviceSelector cel:p
    DeviceTaint key:a effect:a timeAdded:p
    DeviceTaintRule spec:a
    DeviceTaintRuleList
    DeviceTaintRuleSpec deviceSelector:p
    DeviceTaintRuleStatus
    DeviceTaintSelector driver:p pool:p device:p
    PartitionTypeStatus total:p allocatable:p
    PoolStatus generation:a resourceSliceCount:p totalDevices:p allocatedDevices:p availableDevices:p unavailableDevices:p nodeName:p validationError:p shareableSummary:p
    ResourcePoolStatusRequest spec:a status:p
    ResourcePoolStatusRequestList
    ResourcePoolStatusRequestSpec driver:a poolName:p limit:p defaultPartitionTypeAttribute:p
    ResourcePoolStatusRequestStatus poolCount:p
    ShareableCapacityStatus total:p consumed:p available:p
    ShareableSummaryStatus fullyAvailableDevices:p partiallyAvailableDevices:p
    @k8s.io.api.resource.v1beta1
    AllocatedDeviceStatus driver:a pool:a device:a shareID:p data:p networkData:p
    AllocationResult nodeSelector:p allocationTimestamp:p
    BasicDevice nodeName:p nodeSelector:p allNodes:p bindsToNode:p allowMultipleAllocations:p
    CELDeviceSelector expression:a
    CapacityRequestPolicy default:p validRange:p
    CapacityRequestPolicyRange min:p max:p step:p
    CapacityRequirements
    Counter value:a
    CounterSet name:a
    Device name:a basic:p
    DeviceAllocationConfiguration source:a deviceConfiguration:i
    DeviceAllocationResult
    DeviceAttribute int:p bool:p string:p version:p
    DeviceCapacity value:a requestPolicy:p
    DeviceClaim
    DeviceClaimConfiguration deviceConfiguration:i
    DeviceClass spec:a
    DeviceClassConfiguration deviceConfiguration:i
    DeviceClassList
    DeviceClassSpec extendedResourceName:p
    DeviceConfiguration opaque:p
    DeviceConstraint matchAttribute:p distinctAttribute:p
    DeviceCounterConsumption counterSet:a
    DeviceRequest name:a deviceClassName:a adminAccess:p capacity:p
    DeviceRequestAllocationResult request:a driver:a pool:a device:a adminAccess:p shareID:p
    DeviceSelector cel:p
    DeviceSubRequest name:a deviceClassName:a capacity:p
    DeviceTaint key:a effect:a timeAdded:p
    DeviceToleration tolerationSeconds:p
    NetworkDeviceData
    NodeAllocatableMapping capacityKey:p capacityMultiplier:p deviceMultiplier:p
    NodeAllocatableOverhead perPod:p perContainer:p
    NodeAllocatableResource mapping:p overhead:p
    OpaqueDeviceConfiguration driver:a parameters:a
    ResourceClaim spec:a
    ResourceClaimConsumerReference resource:a name:a uid:a
    ResourceClaimList
    ResourceClaimSpec devices:a
    ResourceClaimStatus allocation:p
    ResourceClaimTemplate spec:a
    ResourceClaimTemplateList
    ResourceClaimTemplateSpec spec:a
    ResourcePool name:a generation:a resourceSliceCount:a
    ResourceSlice spec:a
    ResourceSliceList
    ResourceSliceSpec driver:a pool:a nodeSelector:p perDeviceNodeSelection:p partitionTypeAttribute:p
    @k8s.io.api.resource.v1beta2
    AllocatedDeviceStatus driver:a pool:a device:a shareID:p data:p networkData:p
    AllocationResult nodeSelector:p allocationTimestamp:p
    CELDeviceSelector expression:a
    CapacityRequestPolicy default:p validRange:p
    CapacityRequestPolicyRange min:p max:p step:p
    CapacityRequirements
    Counter value:a
    CounterSet name:a
    Device name:a nodeName:p nodeSelector:p allNodes:p bindsToNode:p allowMultipleAllocations:p
    DeviceAllocationConfiguration source:a deviceConfiguration:i
    DeviceAllocationResult
    DeviceAttribute int:p bool:p string:p version:p
    DeviceCapacity value:a requestPolicy:p
    DeviceClaim
    DeviceClaimConfiguration deviceConfiguration:i
    DeviceClass spec:a
    DeviceClassConfiguration deviceConfiguration:i
    DeviceClassList
    DeviceClassSpec extendedResourceName:p
    DeviceConfiguration opaque:p
    DeviceConstraint matchAttribute:p distinctAttribute:p
    DeviceCounterConsumption counterSet:a
    DeviceRequest name:a exactly:p
    DeviceRequestAllocationResult request:a driver:a pool:a device:a adminAccess:p shareID:p
    DeviceSelector cel:p
    DeviceSubRequest name:a deviceClassName:a capacity:p
    DeviceTaint key:a effect:a timeAdded:p
    DeviceTaintRule spec:a
    DeviceTaintRuleList
    DeviceTaintRuleSpec deviceSelector:p
    DeviceTaintRuleStatus
    DeviceTaintSelector driver:p pool:p device:p
    DeviceToleration tolerationSeconds:p
    ExactDeviceRequest deviceClassName:a adminAccess:p capacity:p
    NetworkDeviceData
    NodeAllocatableMapping capacityKey:p capacityMultiplier:p deviceMultiplier:p
    NodeAllocatableOverhead perPod:p perContainer:p
    NodeAllocatableResource mapping:p overhead:p
    OpaqueDeviceConfiguration driver:a parameters:a
    ResourceClaim spec:a
    ResourceClaimConsumerReference resource:a name:a uid:a
    ResourceClaimList
    ResourceClaimSpec devices:a
    ResourceClaimStatus allocation:p
    ResourceClaimTemplate spec:a
    ResourceClaimTemplateList
    ResourceClaimTemplateSpec spec:a
    ResourcePool name:a generation:a resourceSliceCount:a
    ResourceSlice spec:a
    ResourceSliceList
    ResourceSliceSpec driver:a pool:a nodeName:p nodeSelector:p allNodes:p perDeviceNodeSelection:p partitionTypeAttribute:p
    @k8s.io.api.scheduling.v1
    PriorityClass value:a preemptionPolicy:p
    PriorityClassList
    @k8s.io.api.scheduling.v1alpha3
    AllCompositeDisruptionMode
    AllDisruptionMode
    BasicSchedulingPolicy
    CompositeBasicSchedulingPolicy
    CompositeDisruptionMode single:p all:p
    CompositeGangSchedulingPolicy minGroupCount:a
    CompositePodGroup spec:a
    CompositePodGroupList
    CompositePodGroupSchedulingConstraints
    CompositePodGroupSchedulingPolicy basic:p gang:p
    CompositePodGroupSpec parentCompositePodGroupName:p workloadRef:p schedulingPolicy:a schedulingConstraints:p disruptionMode:p priority:p preemptionPolicy:p
    CompositePodGroupStatus
    CompositePodGroupTemplate name:a schedulingPolicy:a schedulingConstraints:p disruptionMode:p priority:p preemptionPolicy:p
    DisruptionMode single:p all:p
    GangSchedulingPolicy minCount:a
    PodGroup spec:a
    PodGroupList
    PodGroupResourceClaim name:a resourceClaimName:p resourceClaimTemplateName:p
    PodGroupResourceClaimStatus name:a resourceClaimName:p
    PodGroupSchedulingConstraints
    PodGroupSchedulingPolicy basic:p gang:p
    PodGroupSpec parentCompositePodGroupName:p workloadRef:p schedulingPolicy:a schedulingConstraints:p disruptionMode:p priority:p preemptionPolicy:p
    PodGroupStatus
    PodGroupTemplate name:a schedulingPolicy:a schedulingConstraints:p disruptionMode:p priority:p preemptionPolicy:p
    SingleCompositeDisruptionMode
    SingleDisruptionMode
    TopologyConstraint key:a
    TypedLocalObjectReference kind:a name:a
    Workload spec:a
    WorkloadCompositePodGroupAllDisruptionMode
    WorkloadCompositePodGroupBasicSchedulingPolicy
    WorkloadCompositePodGroupDisruptionMode single:p all:p
    WorkloadCompositePodGroupGangSchedulingPolicy minGroupCount:p
    WorkloadCompositePodGroupSchedulingConstraints
    WorkloadCompositePodGroupSchedulingPolicy basic:p gang:p
    WorkloadCompositePodGroupSingleDisruptionMode
    WorkloadList
    WorkloadPodGroupAllDisruptionMode
    WorkloadPodGroupBasicSchedulingPolicy
    WorkloadPodGroupDisruptionMode single:p all:p
    WorkloadPodGroupGangSchedulingPolicy minCount:p
    WorkloadPodGroupResourceClaim name:a resourceClaimName:p resourceClaimTemplateName:p
    WorkloadPodGroupSchedulingConstraints
    WorkloadPodGroupSchedulingPolicy basic:p gang:p
    WorkloadPodGroupSingleDisruptionMode
    WorkloadReference workloadName:a templateName:a
    WorkloadSpec controllerRef:p
    @k8s.io.api.scheduling.v1beta1
    AllCompositeDisruptionMode
    AllDisruptionMode
    BasicSchedulingPolicy
    CompositeBasicSchedulingPolicy
    CompositeDisruptionMode single:p all:p
    CompositeGangSchedulingPolicy minGroupCount:a
    CompositePodGroupSchedulingConstraints
    CompositePodGroupSchedulingPolicy basic:p gang:p
    CompositePodGroupTemplate name:a schedulingPolicy:a schedulingConstraints:p disruptionMode:p priority:p preemptionPolicy:p
    DisruptionMode single:p all:p
    GangSchedulingPolicy minCount:a
    PodGroup spec:a
    PodGroupList
    PodGroupResourceClaim name:a resourceClaimName:p resourceClaimTemplateName:p
    PodGroupResourceClaimStatus name:a resourceClaimName:p
    PodGroupSchedulingConstraints
    PodGroupSchedulingPolicy basic:p gang:p
    PodGroupSpec parentCompositePodGroupName:p workloadRef:p schedulingPolicy:a schedulingConstraints:p disruptionMode:p priority:p preemptionPolicy:p
    PodGroupStatus
    PodGroupTemplate name:a schedulingPolicy:a schedulingConstraints:p disruptionMode:p priority:p preemptionPolicy:p
    PriorityClass value:a preemptionPolicy:p
    PriorityClassList
    SingleCompositeDisruptionMode
    SingleDisruptionMode
    TopologyConstraint key:a
    TypedLocalObjectReference kind:a name:a
    Workload spec:a
    WorkloadList
    WorkloadReference workloadName:a templateName:a
    WorkloadSpec controllerRef:p
    @k8s.io.api.storage.v1
    CSIDriver spec:a
    CSIDriverList
    CSIDriverSpec attachRequired:p podInfoOnMount:p storageCapacity:p fsGroupPolicy:p requiresRepublish:p seLinuxMount:p nodeAllocatableUpdatePeriodSeconds:p serviceAccountTokenInSecrets:p preventPodSchedulingIfMissing:p
    CSINode spec:a
    CSINodeDriver name:a nodeID:a allocatable:p
    CSINodeList
    CSINodeSpec
    CSINodeStatus
    CSIStorageCapacity nodeTopology:p storageClassName:a capacity:p maximumVolumeSize:p
    CSIStorageCapacityList
    StorageClass provisioner:a reclaimPolicy:p allowVolumeExpansion:p volumeBindingMode:p
    StorageClassList
    StorageHealth name:a
    StorageHealthCondition status:a reason:a accessMode:p volumeMode:p
    TokenRequest audience:a expirationSeconds:p
    VolumeAttachment spec:a
    VolumeAttachmentList
    VolumeAttachmentSource persistentVolumeName:p inlineVolumeSpec:p
    VolumeAttachmentSpec attacher:a source:a nodeName:a
    VolumeAttachmentStatus attached:a attachError:p detachError:p
    VolumeAttributesClass driverName:a
    VolumeAttributesClassList
    VolumeError errorCode:p
    VolumeNodeResources count:p
    @k8s.io.api.storage.v1alpha1
    CSIStorageCapacity nodeTopology:p storageClassName:a capacity:p maximumVolumeSize:p
    CSIStorageCapacityList
    VolumeAttachment spec:a
    VolumeAttachmentList
    VolumeAttachmentSource persistentVolumeName:p inlineVolumeSpec:p
    VolumeAttachmentSpec attacher:a source:a nodeName:a
    VolumeAttachmentStatus attached:a attachError:p detachError:p
    VolumeAttributesClass driverName:a
    VolumeAttributesClassList
    VolumeError errorCode:p
    @k8s.io.api.storage.v1beta1
    CSIDriver spec:a
    CSIDriverList
    CSIDriverSpec attachRequired:p podInfoOnMount:p storageCapacity:p fsGroupPolicy:p requiresRepublish:p seLinuxMount:p nodeAllocatableUpdatePeriodSeconds:p serviceAccountTokenInSecrets:p preventPodSchedulingIfMissing:p
    CSINode spec:a
    CSINodeDriver name:a nodeID:a allocatable:p
    CSINodeList
    CSINodeSpec
    CSINodeStatus
    CSIStorageCapacity nodeTopology:p storageClassName:a capacity:p maximumVolumeSize:p
    CSIStorageCapacityList
    StorageClass provisioner:a reclaimPolicy:p allowVolumeExpansion:p volumeBindingMode:p
    StorageClassList
    StorageHealth name:a
    StorageHealthCondition status:a reason:a accessMode:p volumeMode:p
    TokenRequest audience:a expirationSeconds:p
    VolumeAttachment spec:a
    VolumeAttachmentList
    """,
    """
    VolumeAttachmentSource persistentVolumeName:p inlineVolumeSpec:p
    VolumeAttachmentSpec attacher:a source:a nodeName:a
    VolumeAttachmentStatus attached:a attachError:p detachError:p
    VolumeAttributesClass driverName:a
    VolumeAttributesClassList
    VolumeError errorCode:p
    VolumeNodeResources count:p
    @k8s.io.api.storagemigration.v1
    StorageVersionMigration
    StorageVersionMigrationList
    StorageVersionMigrationSpec resource:a
    StorageVersionMigrationStatus
    @k8s.io.api.storagemigration.v1beta1
    StorageVersionMigration
    StorageVersionMigrationList
    StorageVersionMigrationSpec resource:a
    StorageVersionMigrationStatus
    @k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1
    ConversionRequest uid:a desiredAPIVersion:a
    ConversionResponse uid:a result:a
    ConversionReview request:p response:p
    CustomResourceColumnDefinition name:a type:a jsonPath:a
    CustomResourceConversion strategy:a webhook:p
    CustomResourceDefinition spec:a
    CustomResourceDefinitionCondition type:a status:a
    CustomResourceDefinitionList
    CustomResourceDefinitionNames plural:a kind:a
    CustomResourceDefinitionSpec group:a names:a scope:a conversion:p
    CustomResourceDefinitionStatus acceptedNames:a
    CustomResourceDefinitionVersion name:a served:a storage:a deprecationWarning:p schema:p subresources:p
    CustomResourceSubresourceScale specReplicasPath:a statusReplicasPath:a labelSelectorPath:p
    CustomResourceSubresources status:p scale:p
    CustomResourceValidation openAPIV3Schema:p
    ExternalDocumentation
    JSON raw:ax
    JSONSchemaProps schema=$schema ref:p=$ref default:p maximum:p minimum:p maxLength:p minLength:p maxItems:p minItems:p multipleOf:p maxProperties:p minProperties:p items:p not:p additionalProperties:p additionalItems:p externalDocs:p example:p xKubernetesPreserveUnknownFields:p=x-kubernetes-preserve-unknown-fields xKubernetesEmbeddedResource=x-kubernetes-embedded-resource xKubernetesIntOrString=x-kubernetes-int-or-string xKubernetesListMapKeys=x-kubernetes-list-map-keys xKubernetesListType:p=x-kubernetes-list-type xKubernetesMapType:p=x-kubernetes-map-type xKubernetesValidations=x-kubernetes-validations
    JSONSchemaPropsOrArray
    JSONSchemaPropsOrBool
    JSONSchemaPropsOrStringArray
    SelectableField jsonPath:a
    ServiceReference namespace:a name:a path:p port:p
    ValidationRule rule:a reason:p optionalOldSelf:p
    WebhookClientConfig url:p service:p
    WebhookConversion clientConfig:p
    @k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1
    ConversionRequest uid:a desiredAPIVersion:a
    ConversionResponse uid:a result:a
    ConversionReview request:p response:p
    CustomResourceColumnDefinition name:a type:a JSONPath:a
    CustomResourceConversion strategy:a webhookClientConfig:p
    CustomResourceDefinition spec:a
    CustomResourceDefinitionCondition type:a status:a
    CustomResourceDefinitionList
    CustomResourceDefinitionNames plural:a kind:a
    CustomResourceDefinitionSpec group:a names:a scope:a validation:p subresources:p conversion:p preserveUnknownFields:p
    CustomResourceDefinitionStatus acceptedNames:a
    CustomResourceDefinitionVersion name:a served:a storage:a deprecationWarning:p schema:p subresources:p
    CustomResourceSubresourceScale specReplicasPath:a statusReplicasPath:a labelSelectorPath:p
    CustomResourceSubresources status:p scale:p
    CustomResourceValidation openAPIV3Schema:p
    ExternalDocumentation
    JSON raw:ax
    JSONSchemaProps schema=$schema ref:p=$ref default:p maximum:p minimum:p maxLength:p minLength:p maxItems:p minItems:p multipleOf:p maxProperties:p minProperties:p items:p not:p additionalProperties:p additionalItems:p externalDocs:p example:p xKubernetesPreserveUnknownFields:p=x-kubernetes-preserve-unknown-fields xKubernetesEmbeddedResource=x-kubernetes-embedded-resource xKubernetesIntOrString=x-kubernetes-int-or-string xKubernetesListMapKeys=x-kubernetes-list-map-keys xKubernetesListType:p=x-kubernetes-list-type xKubernetesMapType:p=x-kubernetes-map-type xKubernetesValidations=x-kubernetes-validations
    JSONSchemaPropsOrArray
    JSONSchemaPropsOrBool
    JSONSchemaPropsOrStringArray
    SelectableField jsonPath:a
    ServiceReference namespace:a name:a path:p port:p
    ValidationRule rule:a reason:p optionalOldSelf:p
    WebhookClientConfig url:p service:p
    @k8s.io.apimachinery.pkg.api.resource
    Quantity
    QuantityValue
    @k8s.io.apimachinery.pkg.apis.meta.v1
    APIGroup name:a
    APIGroupList
    APIResource name:a singularName:a namespaced:a kind:a verbs:a
    APIResourceList groupVersion:a
    APIVersions
    ApplyOptions force:a fieldManager:a
    Condition type:a status:a lastTransitionTime:a reason:a message:a
    CreateOptions
    DeleteOptions gracePeriodSeconds:p preconditions:p orphanDependents:p propagationPolicy:p ignoreStoreReadErrorWithClusterBreakingPotential:p
    Duration
    FieldSelectorRequirement key:a operator:a
    FieldsV1
    FieldsV1 Raw:ax
    GetOptions
    GroupKind group:a kind:a
    GroupResource group:a resource:a
    GroupVersion group:a version:a
    GroupVersionForDiscovery groupVersion:a version:a
    GroupVersionKind group:a version:a kind:a
    GroupVersionResource group:a version:a resource:a
    LabelSelector
    LabelSelectorRequirement key:a operator:a
    List
    ListMeta remainingItemCount:p shardInfo:p
    ListOptions timeoutSeconds:p sendInitialEvents:p
    ManagedFieldsEntry time:p fieldsV1:p
    MicroTime
    ObjectMeta deletionTimestamp:p deletionGracePeriodSeconds:p
    OwnerReference apiVersion:a kind:a name:a uid:a controller:p blockOwnerDeletion:p
    PartialObjectMetadata
    PartialObjectMetadataList
    PatchOptions force:p
    Preconditions uid:p resourceVersion:p
    RootPaths
    ServerAddressByClientCIDR clientCIDR:a serverAddress:a
    ShardInfo selector:a
    Status details:p
    StatusCause
    StatusDetails
    TableOptions
    Time
    Timestamp seconds:a nanos:a
    TypeMeta
    UpdateOptions
    WatchEvent type:a object:a
    @k8s.io.apimachinery.pkg.apis.meta.v1beta1
    PartialObjectMetadataList
    @k8s.io.apimachinery.pkg.runtime
    RawExtension raw:ax
    TypeMeta
    Unknown typeMeta:i raw:ax
    @k8s.io.apimachinery.pkg.util.intstr
    IntOrString
    @slices
    k8s.io.api.authentication.v1.AttestationValue
    k8s.io.api.authentication.v1.ExtraValue
    k8s.io.api.authentication.v1beta1.ExtraValue
    k8s.io.api.authorization.v1.ExtraValue
    k8s.io.api.authorization.v1beta1.ExtraValue
    k8s.io.api.certificates.v1.ExtraValue
    k8s.io.api.certificates.v1beta1.ExtraValue
    k8s.io.apimachinery.pkg.apis.meta.v1.Verbs
    """
  };
}
