import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { GatewayErrorCode } from '../core/gateway-error';

export interface ProblemType {
  readonly status: ContentfulStatusCode;
  /** Vietnamese / English, as every title the gateway answers. */
  readonly title: string;
  /** What happened and what the caller does about it: the page at `/problems/{code}`. */
  readonly explanation: readonly [vietnamese: string, english: string];
}

/**
 * Every error code as an HTTP problem (RFC 9457): the status it answers, its title, and the
 * explanation its `type` URI resolves to. The one mapping of a code to HTTP (gateway-error.ts).
 */
export const problemCatalogue: Readonly<Record<GatewayErrorCode, ProblemType>> = {
  'request.invalid': {
    status: 400,
    title: 'Yêu cầu không hợp lệ / Invalid request',
    explanation: [
      'Nội dung, tham số hoặc tiêu đề không đúng hợp đồng. Mảng errors liệt kê từng trường sai theo JSONPath ($.applicant.idNumber) kèm lý do; sửa các trường đó rồi gửi lại. Yêu cầu bị từ chối không được lưu và không được xếp hàng.',
      'The body, a parameter or a header does not match the contract. The errors array names each wrong field by JSONPath ($.applicant.idNumber) with the reason; fix those fields and send again. A refused request is neither stored nor queued.',
    ],
  },
  'request.unsupportedMediaType': {
    status: 415,
    title: 'Kiểu nội dung không được hỗ trợ / Unsupported media type',
    explanation: [
      'Gửi nội dung JSON với Content-Type: application/json (riêng /oauth/token nhận cả application/x-www-form-urlencoded).',
      'Send the body as JSON with Content-Type: application/json (/oauth/token also takes application/x-www-form-urlencoded).',
    ],
  },
  'request.tooLarge': {
    status: 413,
    title: 'Nội dung quá lớn / Request body too large',
    explanation: [
      'Nội dung vượt giới hạn kích thước của gateway (detail nêu số byte). Tài liệu đính kèm đi bằng đường dẫn (url), không nhúng trong JSON.',
      'The body exceeds the gateway’s size limit (the detail gives the bytes). Documents travel as links (url), never embedded in the JSON.',
    ],
  },
  'request.rateLimited': {
    status: 429,
    title: 'Quá nhiều yêu cầu / Too many requests',
    explanation: [
      'Đã vượt hạn mức yêu cầu của địa chỉ hoặc ứng dụng. Chờ số giây trong tiêu đề Retry-After rồi gửi lại.',
      'The address or client has used up its request budget. Wait the seconds given in the Retry-After header, then send again.',
    ],
  },
  'request.timeout': {
    status: 504,
    title: 'Xử lý quá thời gian / The request took too long',
    explanation: [
      'Gateway không trả lời kịp. Yêu cầu có thể vẫn hoàn tất: gửi lại với cùng Idempotency-Key hoặc khóa tự nhiên (dossierCode + version, eventId), lần lặp được trả lời chứ không ghi hai lần.',
      'The gateway did not answer in time. The request may still complete: send it again with the same Idempotency-Key or natural key (dossierCode + version, eventId); the repeat is answered, not applied twice.',
    ],
  },
  'request.replayed': {
    status: 409,
    title: 'Yêu cầu đã được nhận trước đó / Replayed request',
    explanation: [
      'Yêu cầu có chữ ký với cùng webhook-id và webhook-timestamp đã được nhận. Một lần gửi lại phải được ký lại với webhook-timestamp mới.',
      'A signed request with the same webhook-id and webhook-timestamp was already received. A resend must be signed again with a new webhook-timestamp.',
    ],
  },
  'auth.unauthenticated': {
    status: 401,
    title: 'Chưa xác thực / Authentication required',
    explanation: [
      'Thiếu mã truy cập, hoặc mã không hợp lệ. Tiêu đề WWW-Authenticate và trường error_description cho biết mã đã hết hạn (lấy mã mới từ POST /oauth/token) hay không hợp lệ (chữ ký, nơi cấp hoặc định dạng sai: không dùng lại mã đó).',
      'The access token is missing or not accepted. The WWW-Authenticate header and the error_description field tell an expired token (get a new one from POST /oauth/token) from an invalid one (wrong signature, issuer or format: do not use it again).',
    ],
  },
  'auth.invalidClient': {
    status: 401,
    title: 'Thông tin ứng dụng không đúng / Invalid client credentials',
    explanation: [
      'client_id hoặc client_secret không đúng, hoặc ứng dụng đã bị vô hiệu hóa. Kiểm tra thông tin được cấp; câu trả lời không nói điều nào sai.',
      'The client_id or client_secret is wrong, or the client is disabled. Check the credentials you were issued; the answer does not say which is wrong.',
    ],
  },
  'auth.forbidden': {
    status: 403,
    title: 'Không có quyền / Forbidden',
    explanation: [
      'Đã xác thực nhưng không được phép: thiếu phạm vi (scope) mà đường dẫn cần, không được cấp mã cơ quan của hồ sơ, địa chỉ không nằm trong danh sách cho phép, hoặc biểu mẫu gửi từ nơi khác.',
      'Authenticated but not allowed: the token lacks the scope the route needs, the client is not granted the dossier’s agency code, the address is not on the allow-list, or a form came from another site.',
    ],
  },
  'route.notFound': {
    status: 404,
    title: 'Không tìm thấy / Not found',
    explanation: [
      'Không có đường dẫn này với phương thức này. Danh sách đường dẫn ở /docs và /openapi.json.',
      'There is no such route for this method. The routes are listed at /docs and /openapi.json.',
    ],
  },
  'dossier.notFound': {
    status: 404,
    title: 'Không tìm thấy hồ sơ / Dossier not found',
    explanation: [
      'Gateway chưa nhận hồ sơ này. Gửi hồ sơ bằng POST /v1/dossiers trước khi gửi thay đổi trạng thái.',
      'The gateway has not received this dossier. Send it with POST /v1/dossiers before any status change.',
    ],
  },
  'dossier.transitionNotAllowed': {
    status: 422,
    title: 'Chuyển trạng thái không hợp lệ / Status change not allowed',
    explanation: [
      'Bảng trạng thái không cho phép chuyển từ trạng thái hiện tại sang trạng thái yêu cầu; detail nêu các bước được phép.',
      'The status table does not allow the move from the current status to the requested one; the detail lists the allowed moves.',
    ],
  },
  'feedback.notFound': {
    status: 404,
    title: 'Không tìm thấy phản ánh / Feedback not found',
    explanation: [
      'Gateway chưa nhận phản ánh, kiến nghị này từ Cổng DVCQG, hoặc nó không thuộc cơ quan của bạn.',
      'The gateway has not received this feedback item from the national portal, or it is not for your agencies.',
    ],
  },
  'feedback.transitionNotAllowed': {
    status: 422,
    title: 'Bước xử lý phản ánh không hợp lệ / Feedback step not allowed',
    explanation: [
      'Phản ánh đang ở trạng thái không cho phép bước này; detail nêu các bước được phép (allowedNext).',
      'The feedback item is in a state that does not allow this step; the detail lists the allowed ones (allowedNext).',
    ],
  },
  'dossier.staleVersion': {
    status: 409,
    title: 'Phiên bản hồ sơ đã cũ / Stale dossier version',
    explanation: [
      'Gateway đã nhận một phiên bản mới hơn của hồ sơ. Gửi phiên bản hiện tại với version lớn hơn.',
      'The gateway already holds a newer version of the dossier. Send the current one with a higher version.',
    ],
  },
  'failedMessage.notFound': {
    status: 404,
    title: 'Không tìm thấy tin lỗi / Failed message not found',
    explanation: [
      'Không có tin lỗi với mã này. Danh sách ở GET /v1/admin/failed-messages.',
      'There is no failed message with this id. They are listed at GET /v1/admin/failed-messages.',
    ],
  },
  'failedMessage.notParked': {
    status: 409,
    title: 'Tin không còn ở trạng thái lỗi / Message is not parked',
    explanation: [
      'Tin đã được gửi lại hoặc loại bỏ; chỉ tin đang tạm giữ mới gửi lại hoặc loại bỏ được. Loại bỏ cũng cần các tin trước đó của hồ sơ không còn bị tạm giữ.',
      'The message was already replayed or discarded; only a parked message can be. Discarding also needs the dossier’s earlier messages to be no longer parked.',
    ],
  },
  'idempotency.conflict': {
    status: 409,
    title: 'Khóa idempotency bị dùng lại / Idempotency key reused',
    explanation: [
      'Cùng Idempotency-Key (hoặc cùng khóa tự nhiên) đã được dùng với một nội dung khác. Một thay đổi mới cần khóa mới (hoặc version, eventId mới).',
      'The same Idempotency-Key (or natural key) was used with another body. A new change needs a new key (or a new version or eventId).',
    ],
  },
  'idempotency.inProgress': {
    status: 409,
    title: 'Yêu cầu đang được xử lý / Request still in progress',
    explanation: [
      'Yêu cầu giống hệt vẫn đang được xử lý. Chờ một chút rồi gửi lại với cùng khóa để nhận câu trả lời của nó.',
      'The identical request is still being processed. Wait a moment and send again with the same key to get its answer.',
    ],
  },
  'sequence.taken': {
    status: 409,
    title: 'Xung đột ghi / Concurrent write conflict',
    explanation: [
      'Một yêu cầu khác về cùng hồ sơ được ghi cùng lúc. Gửi lại với cùng khóa.',
      'Another request about the same dossier was stored at the same moment. Send again with the same key.',
    ],
  },
  // Raised by the relay only (a message waits for its predecessor); no route answers it.
  'sequence.waiting': {
    status: 503,
    title: 'Đang chờ tin trước / Waiting for an earlier message',
    explanation: [
      'Tin này đang chờ tin trước của cùng hồ sơ được gửi xong; gateway tự gửi tiếp theo đúng thứ tự.',
      'This message waits until the earlier message of the same dossier is delivered; the gateway goes on in order by itself.',
    ],
  },
  'national.transient': {
    status: 502,
    title: 'Cổng DVCQG tạm thời lỗi / National portal unavailable',
    explanation: [
      'Cổng Dịch vụ công quốc gia tạm thời không trả lời. Những gì đã được nhận vẫn được giữ và gửi lại sau.',
      'The National Public Service Portal is not answering for now. What was accepted is kept and delivered later.',
    ],
  },
  'national.rejected': {
    status: 502,
    title: 'Cổng DVCQG từ chối / National portal rejected the record',
    explanation: [
      'Cổng DVCQG từ chối bản ghi; detail nêu lý do của Cổng. Sửa dữ liệu hồ sơ rồi gửi phiên bản mới.',
      'The national portal refused the record; the detail gives its reason. Correct the dossier and send a new version.',
    ],
  },
  'national.authentication': {
    status: 502,
    title: 'Không đăng nhập được Cổng DVCQG / National portal login failed',
    explanation: [
      'Gateway không đăng nhập được Cổng DVCQG bằng tài khoản đã cấu hình. Quản trị viên cần kiểm tra tài khoản.',
      'The gateway could not sign in to the national portal with its configured account. An administrator must check it.',
    ],
  },
  'province.transient': {
    status: 502,
    title: 'Hệ thống tỉnh tạm thời lỗi / Provincial system unavailable',
    explanation: [
      'Hệ thống một cửa của tỉnh tạm thời không nhận webhook; gateway sẽ gửi lại.',
      'The provincial system is not taking webhooks for now; the gateway delivers again later.',
    ],
  },
  'province.rejected': {
    status: 502,
    title: 'Hệ thống tỉnh từ chối / Provincial system refused the event',
    explanation: [
      'Hệ thống tỉnh trả lời webhook bằng một lỗi lâu dài; tin được tạm giữ để quản trị viên xử lý.',
      'The provincial system answered the webhook with a permanent error; the message is parked for an administrator.',
    ],
  },
  'province.notRegistered': {
    status: 422,
    title: 'Chưa đăng ký hệ thống tỉnh / No provincial system registered for the agency',
    explanation: [
      'Không có hệ thống tỉnh nào được đăng ký cho mã cơ quan của hồ sơ, nên gateway không biết gửi đến đâu.',
      'No provincial system is registered for the dossier’s agency code, so the gateway has nowhere to deliver it.',
    ],
  },
  'system.notFound': {
    status: 404,
    title: 'Không tìm thấy hệ thống kết nối / Connected system not found',
    explanation: [
      'Không có hệ thống kết nối nào có mã này. Mã hệ thống là client id OAuth của nó.',
      'No connected system has this id. A system’s id is its OAuth client id.',
    ],
  },
  'dependency.unavailable': {
    status: 503,
    title: 'Dịch vụ tạm thời không sẵn sàng / Service temporarily unavailable',
    explanation: [
      'Một thành phần của gateway tạm thời không sẵn sàng. Không có gì bị ghi một nửa; gửi lại sau số giây trong Retry-After với cùng khóa.',
      'A part of the gateway is unavailable for now. Nothing was half stored; send again after the seconds in Retry-After, with the same key.',
    ],
  },
  'payment.notFound': {
    status: 404,
    title: 'Không tìm thấy giao dịch thanh toán / Payment not found',
    explanation: [
      'Không có giao dịch với mã này mà ứng dụng được xem (giao dịch của cơ quan khác cũng được trả lời như vậy).',
      'There is no payment with this id that the client may see (another agency’s payment is answered the same way).',
    ],
  },
  'payment.alreadyOpen': {
    status: 409,
    title: 'Hồ sơ đang có giao dịch chờ thanh toán / The dossier already has an open payment',
    explanation: [
      'Hồ sơ đang có một giao dịch chưa kết thúc. Dùng giao dịch đó, hoặc chờ nó hết hạn.',
      'The dossier has a payment that is not finished. Use it, or wait until it expires.',
    ],
  },
  'payment.transitionNotAllowed': {
    status: 409,
    title: 'Chuyển trạng thái thanh toán không hợp lệ / Payment state change not allowed',
    explanation: [
      'Giao dịch không ở trạng thái cho phép thao tác này (ví dụ: chưa thanh toán thì chưa có biên lai).',
      'The payment is not in a state that allows this (for example, an unpaid payment has no receipt).',
    ],
  },
  'payment.platformUnavailable': {
    status: 503,
    title: 'Nền tảng thanh toán tạm thời không sẵn sàng / Payment platform unavailable',
    explanation: [
      'Nền tảng thanh toán không trả lời; chưa có gì được tạo. Gửi lại sau Retry-After với cùng Idempotency-Key.',
      'The payment platform is not answering; nothing was created. Send again after Retry-After with the same Idempotency-Key.',
    ],
  },
  'payment.platformRejected': {
    status: 502,
    title: 'Nền tảng thanh toán từ chối giao dịch / The payment platform refused the payment',
    explanation: [
      'Nền tảng thanh toán từ chối giao dịch; detail nêu mã lỗi của nền tảng.',
      'The payment platform refused the payment; the detail gives the platform’s error code.',
    ],
  },
  'reconciliation.notFound': {
    status: 404,
    title: 'Không tìm thấy báo cáo đối soát / Reconciliation report not found',
    explanation: [
      'Không có báo cáo đối soát với mã này. Danh sách ở GET /v1/admin/reconciliation-reports.',
      'There is no reconciliation report with this id. They are listed at GET /v1/admin/reconciliation-reports.',
    ],
  },
  'schedule.notFound': {
    status: 404,
    title: 'Không có lịch chạy này / Schedule not found',
    explanation: [
      'Không có lịch chạy (schedule) với tên này. Danh sách và lần chạy gần nhất ở GET /v1/admin/schedules.',
      'There is no schedule with this name. They are listed, with their last run, at GET /v1/admin/schedules.',
    ],
  },
  'reconciliation.fileInvalid': {
    status: 502,
    title: 'Tệp đối soát không hợp lệ / The platform’s transaction list is unreadable',
    explanation: [
      'Danh sách giao dịch của nền tảng thanh toán không đọc được; đối soát chưa chạy. Thử lại sau hoặc liên hệ nền tảng.',
      'The payment platform’s transaction list could not be read; nothing was reconciled. Try later or contact the platform.',
    ],
  },
  'agency.retired': {
    status: 422,
    title: 'Mã cơ quan đã ngừng sử dụng / Agency code retired',
    explanation: [
      'Mã cơ quan đã ngừng sử dụng từ ngày của mã hồ sơ (sắp xếp đơn vị hành chính 2025). Gửi hồ sơ mới với mã thay thế nêu trong câu trả lời.',
      'The agency code was retired on or before the dossier code’s date (2025 reorganisation). Send new dossiers under the replacement code named in the answer.',
    ],
  },
  'agency.nameUnknown': {
    status: 422,
    title: 'Chưa biết tên đơn vị xử lý / Unit name unknown',
    explanation: [
      'Cổng DVCQG cần tên đơn vị xử lý (DonViXuLy), không phải mã; gateway đang ở chế độ chặt nên không gửi mã thay tên. Gửi agencyName trong hồ sơ, hoặc nhờ quản trị viên thêm tên của mã vào bảng tên đơn vị.',
      'The portal needs the processing unit’s name (DonViXuLy), not its code, and the gateway runs in strict mode. Send agencyName with the dossier, or ask an administrator to add the code’s name to the unit-name table.',
    ],
  },
  'procedure.unknown': {
    status: 422,
    title: 'Cổng DVCQG không có thủ tục này / Procedure not in the national catalogue',
    explanation: [
      'Mã thủ tục hành chính (sau khi đổi theo bảng ánh xạ) không có trong danh mục thủ tục tải từ Cổng DVCQG; Cổng sẽ từ chối hồ sơ. Câu trả lời nêu các thủ tục có tên gần nhất: gửi lại với mã đúng, hoặc nhờ quản trị viên thêm ánh xạ từ mã địa phương.',
      'The procedure code (after mapping) is not in the procedure catalogue pulled from the national portal, which would refuse the dossier. The answer names the procedures with the closest names: send the right code, or ask an administrator to map the local code.',
    ],
  },
  'agency.unknown': {
    status: 422,
    title: 'Cổng DVCQG không có cơ quan này / Agency not in the national catalogue',
    explanation: [
      'Mã cơ quan (kể cả mã thay thế sau sắp xếp 2025) không có trong danh mục cơ quan tải từ Cổng DVCQG; Cổng sẽ từ chối hồ sơ. Câu trả lời nêu các cơ quan gần nhất.',
      'The agency code (or its replacement after the 2025 re-coding) is not in the agency catalogue pulled from the national portal, which would refuse the dossier. The answer names the closest agencies.',
    ],
  },
  // Only at a cold start; a request never reaches a gateway whose configuration failed to load.
  'config.invalid': {
    status: 500,
    title: 'Cấu hình không hợp lệ / Invalid configuration',
    explanation: [
      'Cấu hình của gateway không hợp lệ; gateway không khởi động. Quản trị viên sửa cấu hình theo đường dẫn trong errors.',
      'The gateway’s configuration is invalid and it did not start. An administrator fixes the configuration at the paths in errors.',
    ],
  },
  'driftFinding.notFound': {
    status: 404,
    title: 'Không tìm thấy sai lệch / Drift finding not found',
    explanation: [
      'Không có sai lệch nào được ghi nhận cho hồ sơ này.',
      'No drift finding is recorded for this dossier.',
    ],
  },
  'driftFinding.notOpen': {
    status: 409,
    title: 'Sai lệch không còn mở / The drift finding is not open',
    explanation: [
      'Sai lệch đã được đồng bộ lại hoặc đã khớp; chỉ sai lệch đang mở mới đồng bộ lại được.',
      'The finding was already re-synced or resolved; only an open finding can be re-synced.',
    ],
  },
  'system.exists': {
    status: 409,
    title: 'Mã hệ thống đã được dùng / System id already taken',
    explanation: [
      'Đã có hệ thống kết nối với mã này. Chọn mã khác, hoặc sửa hệ thống đó bằng PATCH /v1/admin/systems/{id}.',
      'A connected system already has this id. Choose another, or change that system with PATCH /v1/admin/systems/{id}.',
    ],
  },
  'system.changed': {
    status: 409,
    title: 'Hệ thống vừa được sửa / The system changed meanwhile',
    explanation: [
      'Người khác vừa sửa hệ thống này; thay đổi của bạn chưa được lưu. Đọc lại rồi gửi lại.',
      'Someone changed this system meanwhile; your change was not saved. Read it again and resend.',
    ],
  },
  'system.grantsOverlap': {
    status: 409,
    title: 'Mã cơ quan trùng với hệ thống khác / Agency grants overlap another system',
    explanation: [
      'Một mã cơ quan chỉ thuộc một hệ thống tỉnh: detail nêu hệ thống đang giữ mã trùng. Bỏ mã đó, hoặc rút mã khỏi hệ thống kia trước.',
      'An agency belongs to one provincial system only: the detail names the system holding the overlapping grant. Leave that grant out, or take it from the other system first.',
    ],
  },
  'system.webhookUrlRefused': {
    status: 422,
    title: 'Địa chỉ webhook không dùng được / Webhook URL refused',
    explanation: [
      'Gateway chỉ gửi webhook tới địa chỉ https công khai: không http, không địa chỉ nội bộ hay riêng, và tên miền phải phân giải được. Sửa webhookUrl theo lý do trong errors.',
      'The gateway delivers webhooks to public https addresses only: not http, not a private or internal address, and the host name must resolve. Fix webhookUrl as the errors say.',
    ],
  },
  'mapping.notFound': {
    status: 404,
    title: 'Không có ánh xạ mã / Code mapping not found',
    explanation: [
      'Bảng ánh xạ của loại danh mục này không có mã địa phương đó.',
      'The mapping table of this kind has no such local code.',
    ],
  },
  'mapping.nationalCodeUnknown': {
    status: 422,
    title: 'Mã quốc gia không có trong danh mục / National code not in the catalogue',
    explanation: [
      'Danh mục tải từ Cổng DVCQG không có mã quốc gia này, nên hồ sơ dùng ánh xạ sẽ bị Cổng từ chối. Câu trả lời nêu các mục gần nhất (closest): chọn một mã trong đó, hoặc cập nhật danh mục nếu Cổng vừa thêm mã.',
      'The catalogue pulled from the national portal does not list this national code, so dossiers mapped to it would be refused. The answer names the closest entries (closest): pick one, or refresh the catalogue if the portal has just added the code.',
    ],
  },
  'mapping.importInvalid': {
    status: 422,
    title: 'Tệp ánh xạ có lỗi, chưa lưu dòng nào / Mapping file has errors, nothing saved',
    explanation: [
      'Nhập tệp ánh xạ là tất cả hoặc không: có dòng sai nên không dòng nào được lưu. result.errors liệt kê từng dòng, cột và lỗi; sửa tệp rồi nhập lại (thử trước với dryRun=true).',
      'A mapping import is all or nothing: some rows are wrong, so none was saved. result.errors lists each row, column and error; fix the file and import it again (try it first with dryRun=true).',
    ],
  },
};
