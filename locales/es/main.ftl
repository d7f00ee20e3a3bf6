# Español. Palabras sencillas y frases cortas (nivel de lectura de 8.º grado).
# Cada mensaje debe estar también en en/main.ftl y zh-Hant/main.ftl.

## Marco de la página

service-name = Trayectorias Profesionales de IHSS
skip-link = Saltar al contenido principal
language-switch-label = Elegir idioma
nav-label = Menú principal
nav-home = Inicio
nav-courses = Buscar un curso
footer-help-heading = ¿Necesita ayuda?
footer-help-course = Si tiene preguntas sobre cómo inscribirse en un curso, comuníquese con la escuela o el grupo que lo enseña. Encontrará sus datos de contacto en la página de cada curso.
help-desk-label = Centro de Ayuda de IHSS (teléfono)
help-email-label = Correo de Trayectorias Profesionales
footer-free = La capacitación de Trayectorias Profesionales es gratis. Nunca tiene que pagar para participar.

## Página de inicio

home-title = Capacitación gratis para proveedores de IHSS y WPCS
home-lead = El Programa de Trayectorias Profesionales de IHSS ofrece clases gratis a los proveedores de cuidado en el hogar en California. Usted aprende nuevas habilidades y le pueden pagar por el tiempo que pasa en clase.
home-catalog-link = Buscar un curso
home-benefits-heading = Lo que recibe
home-benefit-free = Las clases son gratis. Nunca paga una cuota.
home-benefit-paid = Le pueden pagar por su tiempo en clase, según el salario por hora de su condado.
home-benefit-incentive = Puede ganar pagos de incentivo adicionales cuando termina suficientes horas en una trayectoria.
home-benefit-languages = Muchas clases se enseñan en español, chino y otros idiomas.
home-who-heading = Quién puede participar
home-who-text = Pueden participar los proveedores de IHSS y WPCS que han terminado su inscripción como proveedor. Esto incluye a los proveedores del registro y de respaldo, aunque ahora no tengan un beneficiario.
home-pathways-heading = Cinco trayectorias
home-pathways-text = Las clases se agrupan en cinco trayectorias. Las clases generales son útiles para todos los proveedores. Las clases especializadas le ayudan a cuidar a personas con necesidades más complejas.
home-help-heading = ¿Tiene preguntas?
home-help-course = Si tiene preguntas sobre cómo inscribirse en un curso, comuníquese con la escuela o el grupo que lo enseña. Su teléfono y correo están en la página de cada curso.
home-help-other = Si tiene preguntas sobre pagos o cualquier otra cosa, llámenos o escríbanos.

## Trayectorias, categorías y formas de enseñar

pathway-GHS = Salud y Seguridad General
pathway-AED = Educación para Adultos
pathway-CIB = Deterioro Cognitivo y Salud del Comportamiento
pathway-CPC = Necesidades Complejas de Cuidado Físico
pathway-THC = Regreso a la Vida en el Hogar y la Comunidad
category-1 = General
category-2 = Especializada
modality-online-instructor = En línea con un maestro
modality-self-paced = En línea a su propio ritmo
modality-in-person = En persona

## Nombres de los idiomas de los cursos

language-name-en = Inglés
language-name-es = Español
language-name-zh-Hant = Chino (tradicional)
language-name-zh-Hans = Chino (simplificado)
language-name-zh = Chino
language-name-hy = Armenio
language-name-ko = Coreano
language-name-ru = Ruso
language-name-vi = Vietnamita
language-name-tl = Tagalo
language-name-fa = Persa (farsi)
language-name-ar = Árabe
language-name-pa = Panyabí
language-name-hmn = Hmong
language-name-km = Jemer (camboyano)
language-name-ja = Japonés

## Lista de cursos

catalog-title = Buscar un curso
catalog-lead = Todos los cursos de esta lista están aprobados por el programa y son gratis para los proveedores.
filter-heading = Filtrar cursos
filter-panel-summary =
    { $count ->
        [0] Filtros
        [one] Filtros (1 activo)
       *[other] Filtros ({ $shown } activos)
    }
filter-pathway-label = Trayectoria
filter-pathway-hint = El tema del curso.
filter-category-label = Categoría
filter-category-hint = Los cursos generales son para todos los proveedores. Los cursos especializados tratan del cuidado de personas con necesidades especiales.
filter-modality-label = Cómo se enseña
filter-modality-hint = En línea con un maestro, en línea a su propio ritmo o en un salón de clases.
filter-language-label = Idioma
filter-language-hint = El idioma en que se enseña el curso.
filter-search-label = Buscar
filter-search-hint = Palabras del título o la descripción del curso, en cualquier idioma.
filter-search-button = Buscar
filter-place-label = En línea o en persona
filter-place-hint = Clases en línea desde su casa, o clases en un salón con un maestro.
filter-place-online = En línea
filter-place-in-person = En persona
filter-county-label = Condado
filter-county-hint = Cursos con una clase en un salón en este condado.
filter-dates-legend = Cuándo empieza la clase
filter-dates-hint = Cursos con una clase que empieza entre estos días. Deje una fecha vacía para no poner límite.
filter-from-label = Desde
filter-until-label = Hasta
filter-seats-label = Solo cursos con lugares disponibles
filter-seats-hint = Clases en las que todavía puede inscribirse en este sitio.
filter-sort-label = Ordenar por
filter-sort-hint = «Mejor coincidencia» muestra primero los cursos con sus palabras en el título.
sort-relevance = Mejor coincidencia
sort-title = Título, de la A a la Z
sort-soonest = La clase más próxima
error-text-too-long = Las palabras de búsqueda deben tener 100 caracteres o menos
error-place-invalid = Elija en línea o en persona de la lista
error-county-invalid = Elija un condado de la lista
error-from-invalid = La fecha «desde» debe ser una fecha real, como 2026-03-31
error-until-invalid = La fecha «hasta» debe ser una fecha real, como 2026-04-30
error-until-before-from = La fecha «hasta» debe ser igual o posterior a la fecha «desde»
error-seats-invalid = Marque la casilla para ver solo cursos con lugares disponibles, o déjela sin marcar
error-sort-invalid = Elija un orden de la lista
filter-any = Cualquiera
filter-submit = Mostrar cursos
filter-clear = Quitar todos los filtros
catalog-count =
    { $count ->
        [0] No se encontraron cursos
        [one] Se encontró 1 curso
       *[other] Se encontraron { $shown } cursos
    }
catalog-none = Ningún curso coincide con lo que eligió. Pruebe quitar un filtro.
catalog-page-of = Página { $page } de { $pages }
catalog-fix-filters = Corrija el problema de arriba para ver los cursos
pagination-label = Páginas de resultados
pagination-previous = Página anterior
pagination-next = Página siguiente

## Un curso

course-number = Número del curso
course-pathway = Trayectoria
course-category = Categoría
course-hours = Horas de crédito
course-hours-value =
    { $count ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }
course-modality = Cómo se enseña
course-languages = Idiomas
course-vendor = Lo enseña
course-sessions-upcoming =
    { $count ->
        [0] No hay clases próximas en la lista
        [one] 1 clase próxima
       *[other] { $shown } clases próximas
    }
course-register-vendor-site = Inscríbase en el sitio web de la escuela
course-back = Volver a todos los cursos
course-free-note = Este curso es gratis. Es posible que le paguen por su tiempo en clase.
course-register-heading = Cómo inscribirse
course-register-external = La escuela que enseña este curso inscribe a las personas en su propio sitio web.
course-register-link = Inscribirse en el sitio web de la escuela
course-register-contact = Para inscribirse en una clase, comuníquese con la escuela usando los datos de abajo.
course-sessions-heading = Próximas clases
course-sessions-none = Ahora no hay clases programadas. Comuníquese con la escuela para preguntar por nuevas fechas.
session-starts = Empieza
session-ends = Termina
session-place = Dónde
session-seats = Cupos
session-seats-value =
    { $count ->
        [one] 1 cupo
       *[other] { $shown } cupos
    }
session-seats-unlimited = Sin límite
session-online = En línea
session-county-value = Condado de { $county }
session-roster = Lista
session-roster-link = Ver quién asistió
vendor-heading = Preguntas sobre la inscripción
vendor-intro = Si tiene preguntas sobre cómo inscribirse en este curso, comuníquese con la escuela que lo enseña.
vendor-name = Nombre
vendor-email = Correo electrónico
vendor-phone = Teléfono
vendor-website = Sitio web
vendor-other-questions = Si tiene preguntas sobre pagos, llame al Centro de Ayuda de IHSS o escriba a Trayectorias Profesionales. Sus datos están al final de esta página.

## Errores

error-summary-title = Hay un problema
error-prefix = Error:
error-pathway-invalid = Elija una trayectoria de la lista
error-category-invalid = Elija General o Especializada de la lista
error-modality-invalid = Elija de la lista cómo se enseña el curso
error-language-invalid = Elija un idioma de la lista
error-page-invalid = El número de página debe ser un número entero, 1 o mayor
error-per-page-invalid = La cantidad de resultados por página debe ser un número entero del 1 al 100
not-found-title = No se encontró la página
not-found-text = No pudimos encontrar esta página. Si escribió la dirección web, revise que esté bien. También es posible que el curso ya no esté en la lista.
not-found-api = No se encontró ningún curso ni página en esta dirección.
bad-request-title = Hay un problema con esta solicitud
server-error-title = Lo sentimos, algo salió mal de nuestro lado
server-error-text = Por favor, vuelva a intentarlo en unos minutos.
error-catalog-link = Ir a la lista de cursos
error-help = Si esto sigue pasando, llame al Centro de Ayuda de IHSS o escriba a Trayectorias Profesionales.

## Cuentas: iniciar sesión, crear una cuenta, contraseñas, cuentas del personal, claves de API

header-sign-in = Iniciar sesión
header-sign-out = Cerrar sesión
header-my-account = Mi cuenta
header-signed-in-as = Sesión iniciada como
nav-accounts = Cuentas
nav-api-tokens = Claves de API
nav-audit = Registro de auditoría
nav-policy = Reglas del programa
nav-my-records = Mis registros
nav-held-attendance = Asistencia retenida
nav-find-provider = Buscar un proveedor
find-provider-title = Buscar un proveedor
find-provider-hint = El número de proveedor de 9 dígitos, por ejemplo 123456789
find-provider-submit = Buscar
find-provider-error = Escriba el número de proveedor: 9 dígitos
role-provider = Proveedor
role-vendor-staff = Personal de escuela de capacitación
role-coach = Asesor
role-service-desk = Centro de ayuda
role-county-staff = Personal del condado
role-program-admin = Administración del programa
sign-in-title = Iniciar sesión
sign-in-login-label = Correo electrónico o número de proveedor
sign-in-login-hint = Los proveedores pueden usar su número de proveedor de 9 dígitos. El personal usa su correo del trabajo.
sign-in-password-label = Contraseña
sign-in-submit = Iniciar sesión
sign-in-forgot-link = Olvidé mi contraseña
sign-in-new-heading = ¿Es nuevo en Pathways?
sign-in-new-text = Si usted es proveedor de IHSS o WPCS, puede crear su cuenta con su número de proveedor.
sign-in-register-link = Crear una cuenta
sign-in-staff-text = La oficina del programa crea las cuentas del personal. Si necesita una, pídala a su supervisor.
sign-in-error-login-missing = Escriba su correo electrónico o número de proveedor
sign-in-error-password-missing = Escriba su contraseña
sign-in-error-wrong = El correo electrónico o número de proveedor, o la contraseña, no es correcto. Revíselos e intente de nuevo.
sign-in-error-throttled = Hubo demasiados intentos de iniciar sesión. Por su seguridad, espere 15 minutos e intente de nuevo. También puede restablecer su contraseña.
register-title = Cree su cuenta
register-lead = Use su número de proveedor para crear su cuenta de Pathways.
register-how = Comparamos lo que escribe con los datos que el programa tiene de usted. Luego le enviamos un código de 6 dígitos a su teléfono o correo electrónico.
register-number-label = Número de proveedor
register-number-hint = 9 dígitos. Está en su hoja de horas y en su talón de pago de IHSS.
register-last-name-label = Apellido
register-last-name-hint = Como aparece en sus registros de IHSS.
register-contact-label = Número de teléfono o correo electrónico
register-contact-hint = El teléfono o correo que el programa IHSS tiene de usted. Le enviamos el código allí.
register-submit = Enviarme un código
register-have-account = ¿Ya tiene una cuenta?
register-sign-in-link = Iniciar sesión
register-trouble = Si sus datos cambiaron, llame al Centro de Ayuda de IHSS. El número está al final de esta página.
register-error-number-missing = Escriba su número de proveedor
register-error-last-name-missing = Escriba su apellido
register-error-contact-missing = Escriba su número de teléfono o correo electrónico
register-code-title = Escriba su código
register-code-lead = Si sus datos coinciden con nuestros registros, le enviamos un código de 6 dígitos a su teléfono o correo electrónico. Puede tardar unos minutos en llegar.
register-code-hint = El código de 6 dígitos del mensaje de texto o del correo electrónico.
register-code-submit = Crear mi cuenta
register-start-again = Empezar de nuevo
code-not-received = No recibí un código
register-code-not-received-text = Revise que escribió el teléfono o correo que el programa tiene de usted. Revise también la carpeta de correo no deseado. Los códigos dejan de funcionar después de un tiempo. Puede empezar de nuevo para recibir otro código.
code-label = Código
code-error-missing = Escriba el código de 6 dígitos
new-password-label = Contraseña nueva
password-hint = Use al menos { $min } caracteres. Unas palabras que pueda recordar funcionan bien, por ejemplo "silla verde río soleado". No use su nombre, su número ni una contraseña común.
confirm-password-label = Escriba otra vez la contraseña nueva
new-password-error-missing = Escriba una contraseña nueva
confirm-password-error-missing = Escriba otra vez la contraseña nueva
current-password-label = Contraseña actual
current-password-error-missing = Escriba su contraseña actual
current-password-error-wrong = Su contraseña actual no es correcta
forgot-title = Restablecer su contraseña
forgot-lead = Díganos su correo electrónico o número de proveedor. Si encontramos su cuenta, le enviaremos un código al correo o teléfono que tenemos de usted.
forgot-login-hint = Los proveedores pueden usar su número de proveedor de 9 dígitos.
forgot-submit = Enviarme un código
back-to-sign-in = Volver a iniciar sesión
reset-title = Elija una contraseña nueva
reset-lead = Escriba el código que le enviamos y elija una contraseña nueva. Si recibió un correo para activar una cuenta nueva del personal, use el código de ese correo.
reset-code-hint = El código de 6 dígitos del mensaje de texto o del correo electrónico.
reset-submit = Guardar contraseña nueva
reset-start-again = Pedir un código nuevo
reset-not-received-text = Los códigos pueden tardar unos minutos en llegar. Revise también la carpeta de correo no deseado. Los códigos dejan de funcionar después de un tiempo y después de 5 intentos equivocados.
account-title = Su cuenta
account-name = Nombre
account-role = Función
account-provider-number = Número de proveedor
account-email = Correo electrónico
account-vendor = Escuela de capacitación
account-county = Condado
account-language-heading = Idioma
account-language-label = Idioma de las páginas y los mensajes
account-language-hint = Usamos este idioma en el sitio web y en los textos y correos que le enviamos.
account-language-submit = Guardar idioma
account-password-heading = Cambiar su contraseña
account-password-text = Después de cambiarla, tendrá que iniciar sesión otra vez en todos sus aparatos.
account-password-submit = Cambiar contraseña
account-everywhere-heading = Cerrar sesión en todos los aparatos
account-everywhere-text = Use esto si inició sesión en un teléfono o una computadora que ya no tiene, o que usan otras personas.
account-everywhere-submit = Cerrar sesión en todas partes
notice-welcome = Su cuenta está lista. Ya inició sesión.
notice-signed-out-everywhere = Se cerró su sesión en todos sus aparatos.
notice-password-set = Su contraseña nueva está guardada. Inicie sesión con ella.
notice-password-changed = Su contraseña cambió. Inicie sesión con la contraseña nueva.
notice-language-saved = Su idioma está guardado.
notice-account-created = Se creó la cuenta. Enviamos un correo con un código para elegir la primera contraseña.
notice-account-disabled = La cuenta está desactivada. Sus sesiones terminaron.
notice-account-enabled = La cuenta está activada otra vez.
notice-token-revoked = La clave fue revocada. Ya no funciona.
admin-accounts-title = Cuentas
admin-accounts-new-link = Crear una cuenta del personal
admin-accounts-role-label = Función
admin-accounts-any-role = Cualquier función
admin-accounts-filter-submit = Mostrar cuentas
admin-accounts-none = Ninguna cuenta coincide.
admin-accounts-login = Inicia sesión con
admin-accounts-tie = Escuela o condado
admin-accounts-status = Estado
admin-accounts-action = Acción
admin-accounts-disable = Desactivar
admin-accounts-enable = Activar
account-status-active = Activa
account-status-waiting = Esperando la primera contraseña
account-status-disabled = Desactivada
admin-new-title = Crear una cuenta del personal
admin-new-back = Volver a las cuentas
admin-new-lead = La persona recibe un correo con un código para elegir su contraseña. Los proveedores crean sus propias cuentas.
admin-new-role-label = Función
admin-new-role-choose = Elija una función
admin-new-error-role = Elija una función
admin-new-email-label = Correo electrónico del trabajo
admin-new-email-hint = La persona inicia sesión con este correo.
admin-new-name-label = Nombre completo
admin-new-vendor-label = Código de la escuela de capacitación
admin-new-vendor-hint = Solo para el personal de escuelas de capacitación, por ejemplo CCC-SAC.
admin-new-county-label = Condado
admin-new-county-hint = Solo para el personal del condado.
admin-new-county-none = Ningún condado
admin-new-language-label = Idioma
admin-new-language-hint = El idioma del correo que enviamos.
admin-new-submit = Crear cuenta
tokens-title = Claves de API de { $vendor }
tokens-lead = Los sistemas de computadora de su organización usan claves de API para enviar la asistencia y las clases a Pathways. Mantenga las claves en secreto, como las contraseñas. Revoque una clave cuando ya no la necesite.
tokens-list-heading = Sus claves
tokens-none = Todavía no hay claves.
tokens-name = Nombre
tokens-prefix = Empieza con
tokens-created = Creada
tokens-last-used = Último uso
tokens-status = Estado
tokens-never-used = Nunca
tokens-revoked-on = Revocada el { $date }
tokens-revoke = Revocar
tokens-create-heading = Crear una clave
tokens-name-label = Nombre de la clave
tokens-name-hint = Un nombre que diga dónde se usa la clave, por ejemplo "Sistema de asistencia".
tokens-create-submit = Crear clave
tokens-new-heading = Su clave nueva
tokens-new-warning = Copie esta clave ahora. No la mostraremos otra vez.
tokens-new-label = Clave
tokens-new-use = Póngala en la configuración de su sistema. Su sistema la envía en el encabezado Authorization: la palabra Bearer, un espacio y luego la clave.
account-error-wrong-credentials = El correo electrónico o número de proveedor, o la contraseña, no es correcto.
account-error-throttled = Hubo demasiados intentos. Espere hasta una hora e intente de nuevo.
account-error-wrong-code = El código no es correcto. Revíselo e intente de nuevo.
account-error-code-expired = Este código ya no funciona. Puede ser muy viejo, ya usado o probado demasiadas veces. Pida un código nuevo.
password-error-too-short = Su contraseña debe tener al menos { $min } caracteres.
password-error-too-long = Su contraseña debe tener { $max } caracteres o menos.
password-error-personal = Su contraseña no debe contener su nombre, su número ni su correo electrónico.
password-error-guessable = Esta contraseña es muy común o fácil de adivinar. Pruebe con unas palabras que no vayan juntas.
password-error-differ = Las dos contraseñas no son iguales.
account-error-provider-number = Un número de proveedor tiene 9 dígitos. Revise el número e intente de nuevo.
account-error-email = Escriba un correo electrónico como nombre@ejemplo.org
account-error-name = Escriba un nombre
account-error-provider-has-account = Ya hay una cuenta para este proveedor. Inicie sesión, o restablezca su contraseña si la olvidó.
account-error-email-taken = Ya hay una cuenta con este correo electrónico.
account-error-unknown-vendor = No hay ninguna escuela de capacitación con este código. Revise el código.
account-error-vendor-required = Escriba el código de la escuela de capacitación para su personal.
account-error-county-required = Elija el condado para el personal del condado.
account-error-provider-self-service = Los proveedores crean sus propias cuentas. Elija una función del personal.
token-error-name = Escriba un nombre para la clave, de hasta 100 caracteres.
token-error-missing = Esta clave no existe o ya fue revocada.
error-sign-in-required = Necesita iniciar sesión para ver esto.
error-forbidden = Su cuenta no puede ver ni hacer esto. Si cree que debería poder, pregunte a su supervisor o a la oficina del programa.
error-form-expired = Este formulario venció. Vuelva atrás, cargue la página otra vez e intente de nuevo.
forbidden-title = No puede ver esta página
error-internal = Lo sentimos, algo salió mal de nuestro lado. Intente de nuevo en unos minutos.
msg-register-code-subject = Su código de Pathways
msg-register-code-body = Su código para crear su cuenta de Pathways es { $code }. Funciona durante { $minutes } minutos. Si usted no lo pidió, puede ignorar este mensaje.
msg-register-exists-subject = Ya tiene una cuenta de Pathways
msg-register-exists-body = Alguien pidió crear una cuenta de Pathways con su número de proveedor, pero usted ya tiene una. Si fue usted y olvidó su contraseña, restablézcala aquí: { $reset } Si no fue usted, puede ignorar este mensaje.
msg-reset-code-subject = Su código de contraseña de Pathways
msg-reset-code-body = Su código para elegir una contraseña nueva de Pathways es { $code }. Funciona durante { $minutes } minutos. Si usted no lo pidió, puede ignorar este mensaje. Su contraseña no ha cambiado.
msg-activation-subject = Su cuenta nueva de Pathways
msg-activation-body = La oficina del programa creó una cuenta de Pathways para usted. Para elegir su contraseña, abra { $link } y escriba este código: { $code }. El código funciona durante { $days } días.

## Staff pages: providers, attendance, audit log, policy

answer-yes = Sí
answer-no = No
value-none = No hay en el registro
back-account = Volver a su cuenta
provider-caption = Proveedor
provider-number = Número de proveedor
provider-county = Condado
provider-language = Idioma
provider-phone = Teléfono en el registro
provider-email = Correo electrónico en el registro
provider-has-account = Tiene cuenta en Pathways
provider-verified-records = Registros de asistencia verificados
provider-held-records = Registros de asistencia retenidos
provider-attendance-link = Ver la asistencia
attendance-title = Asistencia
attendance-provider-intro = Asistencia informada para el proveedor { $number }, de la más reciente a la más antigua. Los registros retenidos no cuentan hasta que el proveedor de capacitación los corrija.
attendance-back-provider = Volver al proveedor
attendance-none = No se ha informado asistencia.
attendance-date = Fecha
attendance-hours = Horas
attendance-completed = Curso terminado
attendance-status = Estado
attendance-verified = Verificado
roster-title = Lista de la sesión { $session }
roster-intro = Curso { $course }, comienza el { $starts }, en { $place }. Las personas de abajo son aquellas cuya asistencia a esta sesión informó el proveedor de capacitación.
roster-back-course = Volver al curso
roster-seats = { $taken } de { $capacity } lugares ocupados
roster-csv = Descargar la lista y la lista de espera (CSV)
roster-registered-heading = Inscritos
roster-waitlist-heading = Lista de espera
roster-attendance-heading = Asistencia informada
roster-nobody = Nadie todavía.
roster-name = Nombre
roster-registered-at = Se inscribió el
roster-position = Lugar en la fila
held-title = Asistencia retenida
held-intro = Asistencia de { $vendor } que quedó retenida. Cada línea dice por qué. Corrija el registro y envíelo otra vez.
hold-reason-unknown-provider = Retenido: el número de proveedor no está en el registro
hold-reason-provider-not-eligible = Retenido: el proveedor no era elegible en esa fecha
hold-reason-unknown-course = Retenido: el número de curso no está en el registro
hold-reason-course-not-published = Retenido: el curso no estaba en el catálogo en esa fecha
hold-reason-wrong-vendor = Retenido: el curso es de otro proveedor de capacitación
hold-reason-session-mismatch = Retenido: la sesión no es de este curso o de esta fecha
hold-reason-outside-program-window = Retenido: la fecha es posterior a la última fecha de clases del programa
hold-reason-duplicate = Retenido: ya se informó el mismo curso el mismo día
hold-reason-daily-maximum = Retenido: más horas ese día que el máximo diario
audit-title = Registro de auditoría
audit-lead = Cada cambio en los datos del programa y en las cuentas, con quién lo hizo y cuándo. Nada aquí se puede cambiar ni borrar.
audit-actor = Número de cuenta de la persona
audit-actor-hint = El número que aparece en la lista de cuentas. Déjelo vacío para ver a todos.
audit-record-type = Tipo de registro
audit-record-type-hint = Por ejemplo: account, api-token, import, attendance
audit-record-key = Registro
audit-from = Desde (fecha)
audit-until = Hasta (fecha)
audit-search = Buscar
audit-export = Descargar estos resultados en CSV
audit-none = Ningún cambio coincide.
audit-when = Cuándo (hora de California)
audit-who = Quién
audit-action = Qué
audit-record = Registro
audit-before = Antes
audit-after = Después
audit-older = Cambios más antiguos
audit-error-date = Escriba una fecha como 2026-11-25
audit-error-actor = El número de cuenta es un número entero
policy-title = Reglas del programa a lo largo del tiempo
policy-lead = Cada versión de las reglas se aplica desde su fecha hasta la siguiente. Una versión que se usó para una decisión nunca se cambia; una versión nueva la reemplaza desde una fecha posterior.
policy-new = Agregar una versión
policy-version = Versión
policy-effective = Vigente desde
policy-state = Estado
policy-pathway-incentive = Incentivo por trayectoria
policy-specialized-amounts = Cuidado especializado: 1 mes / 6 meses
policy-replay-hint = Antes de aplicar un cambio con fecha anterior, ejecute pathways policy diff en la línea de comandos: muestra qué incentivos de qué proveedores cambiarían y cómo.
policy-back = Volver a las reglas del programa
policy-publish = Poner en vigor desde su fecha
policy-edit = Cambiar esta versión
policy-copy = Crear una versión nueva a partir de esta
policy-form-new-title = Agregar una versión de las reglas
policy-form-edit-title = Cambiar la versión { $version }
policy-form-lead = Cada valor viene de la versión de la que partió. Cambie solo lo que es nuevo.
policy-field-version = Nombre de la versión
policy-field-version-hint = Por ejemplo 2026-07. Letras, números, puntos, guiones y guiones bajos, hasta 32.
policy-save-publish = Guardar y poner en vigor
policy-save-draft = Guardar como borrador
policy-save = Guardar los cambios
policy-state-draft = Borrador, no está en vigor
policy-state-used = En vigor, usada en decisiones
policy-state-published = En vigor, aún sin usar
policy-note-used = Se usó esta versión en decisiones, así que ya no se puede cambiar. Para cambiar una regla, agregue una versión nueva desde una fecha posterior.
policy-note-published = Ninguna decisión ha usado esta versión todavía, así que aún se puede cambiar.
policy-note-draft = Este borrador no tiene efecto hasta que se ponga en vigor.
policy-version-title = Versión de las reglas { $version }
policy-value-hours = { $hours } horas
policy-value-days = { $days } días
policy-hint-hours = Horas, como 15 o 12.5
policy-hint-money = Dólares, como 500.00
policy-notice-created-draft = La versión { $version } se guardó como borrador.
policy-notice-created-published = La versión { $version } se guardó y está en vigor desde su fecha.
policy-notice-changed = La versión { $version } se cambió.
policy-notice-published = La versión { $version } está en vigor desde su fecha.
policy-error-value = Escriba un valor válido para { $parameter }
policy-error-dates = { $earlier } debe ser igual o anterior a { $later }
policy-error-version-name = Escriba un nombre de versión de 1 a 32 letras, números, puntos, guiones o guiones bajos
policy-error-version-taken = Otra versión ya tiene este nombre
policy-error-date-taken = La versión { $other } ya empieza en esta fecha. Elija otra fecha.
policy-error-unknown = El formulario tenía un valor que las reglas no tienen
policy-error-used = Se usó esta versión en decisiones, así que ya no se puede cambiar. Agregue una versión nueva desde una fecha posterior.
policy-error-already-published = Esta versión ya está en vigor
policy-param-effective-from = Vigente desde
policy-param-classes-from = Primer día de clases
policy-param-last-class-date = Último día de clases
policy-param-last-claim-date = Último día para reclamar
policy-param-last-processing-date = Último día en que se procesan los reclamos
policy-param-enrollment-lapse-days = Días después del último pago antes de que venza la inscripción
policy-param-daily-maximum = Máximo de horas de capacitación en un día
policy-param-pathway-incentive-hours = Horas que completan una trayectoria
policy-param-pathway-incentive-max-count = Máximo de incentivos por trayectoria por proveedor
policy-param-pathway-incentive-amount = Monto del incentivo por trayectoria
policy-param-specialized-monthly-hours = Horas de trabajo al mes para cuidado especializado
policy-param-specialized-one-month-amount = Cuidado especializado, un mes: monto
policy-param-specialized-months = Meses seguidos para el incentivo más largo de cuidado especializado
policy-param-specialized-six-months-amount = Cuidado especializado, seis meses: monto
policy-param-overtime-weekly-threshold = Horas semanales antes de horas extra
policy-param-overtime-multiplier = Multiplicador del pago de horas extra
policy-param-coaching-max-future-appointments = Máximo de citas de asesoría reservadas por adelantado

## Registration

msg-session-registered-subject = Tiene un lugar: { $course }
msg-session-registered-body = Está inscrito en { $course } ({ $number }). Empieza el { $starts }, en { $place }. Si no puede venir, cancele en Pathways para que otra persona pueda tener su lugar.
msg-session-waitlisted-subject = Está en la lista de espera: { $course }
msg-session-waitlisted-body = { $course } ({ $number }, empieza el { $starts }) está lleno. Usted es el número { $position } en la lista de espera. Si se abre un lugar, es suyo y le avisamos enseguida.
msg-session-promoted-subject = Se abrió un lugar para usted: { $course }
msg-session-promoted-body = Buenas noticias: se abrió un lugar y es suyo. Está inscrito en { $course } ({ $number }). Empieza el { $starts }, en { $place }.
msg-session-reminder-subject = Mañana: { $course }
msg-session-reminder-body = Un recordatorio: su clase { $course } ({ $number }) empieza el { $starts }, en { $place }. Si no puede venir, cancele en Pathways para que alguien de la lista de espera pueda tener su lugar.
msg-session-cancelled-subject = Su lugar está cancelado: { $course }
msg-session-cancelled-body = Dejó su lugar en { $course } ({ $number }, { $starts }). El archivo de calendario adjunto lo quita de su calendario. Puede inscribirse otra vez en la página del curso si quedan lugares.
registration-heading = Su lugar
registration-register = Inscribirme
registration-join-waitlist = Entrar en la lista de espera
registration-cancel = Cancelar mi lugar
registration-status-registered = Está inscrito
registration-status-waitlisted = En la lista de espera: número { $position }
registration-notice-registered = Está inscrito. Le enviamos un mensaje con los detalles.
registration-notice-waitlisted = La clase está llena, así que está en la lista de espera: número { $position }. Si se abre un lugar, es suyo y le avisamos enseguida.
registration-notice-cancelled = Su lugar está cancelado.
registration-problem-title = No se pudo inscribir
classes-title = Mis clases
classes-none = Todavía no tiene clases. Busque un curso e inscríbase en una fecha.
session-full = Lleno
nav-my-classes = Mis clases
registration-refused-not-eligible = Todavía no se puede inscribir: su inscripción como proveedor no está completa o venció. Llame a la Mesa de Servicio de IHSS para recibir ayuda.
registration-refused-program-closed = El programa no está aceptando inscripciones en este momento.
registration-refused-course-not-in-catalog = Este curso no está en el catálogo en este momento.
registration-refused-registers-with-vendor = Esta escuela inscribe a las personas en su propio sitio web. Use el enlace de la página del curso.
registration-refused-session-started = Esta clase ya empezó. Elija una fecha más adelante.
registration-refused-enrolment-closed = La inscripción para este curso está cerrada en este momento.
registration-refused-same-course = Ya tiene un lugar en otra clase de este curso. Cancélelo primero si quiere esta fecha.
registration-refused-overlaps = Ya tiene una clase a la misma hora. Cancélela primero si quiere esta.

## Vendor courses and the program's review

nav-vendor-courses = Cursos
nav-review-courses = Revisar cursos
vendor-courses-title = Sus cursos
vendor-courses-lead = Escriba un curso, envíelo al programa para revisión y agregue sesiones. El programa publica en el catálogo los cursos aprobados.
vendor-courses-new = Escribir un curso nuevo
vendor-courses-none = Todavía no tiene cursos en Pathways.
course-status = Estado
course-status-draft = Borrador (no enviado)
course-status-submitted = Esperando la revisión del programa
course-status-sent-back = Devuelto para cambios
course-status-approved = Aprobado
course-status-published = Publicado en el catálogo
course-status-retired = Retirado
course-sessions-count = Sesiones
course-review-comment = Lo que el programa le pidió cambiar
course-edit = Cambiar el curso
course-add-session = Agregar una sesión
course-submit = Enviar para revisión
course-notice-created = El curso está guardado como borrador. Envíelo para revisión cuando esté listo.
course-notice-updated = Sus cambios están guardados.
course-notice-submitted = El curso fue enviado al programa para revisión.
course-notice-session = La sesión fue agregada.
course-form-new-title = Escribir un curso nuevo
course-form-edit-title = Cambiar el curso
course-form-number = Número del curso
course-form-number-hint = Su propio código para el curso, por ejemplo CCC-GHS-101
course-form-title = Título
course-form-hours = Horas de crédito
course-form-hours-hint = De 0.5 a 40, por ejemplo 1.5
course-form-languages = Idiomas en que se enseña
course-form-languages-hint = Códigos de idioma separados por comas, por ejemplo en, es, zh-Hant
course-form-registration-url = Su página de inscripción (opcional)
course-form-registration-url-hint = Solo si las personas se inscriben en su propio sitio web y no en Pathways
course-form-description = Descripción
course-form-description-hint = Lo que las personas van a aprender, en palabras sencillas
course-form-save = Guardar
course-form-invalid = Revise esto: { $detail }
course-form-taken = Ese número de curso ya existe. Elija otro.
course-form-not-editable = Este curso está en revisión o publicado, así que no se puede cambiar ahora.
session-form-title = Agregar una sesión de { $course }
session-form-id = Código de la sesión
session-form-id-hint = Su propio código para esta sesión, por ejemplo CCC-GHS-101-MAR
session-form-location-hint = La dirección con el código postal (ZIP), por ejemplo 1020 K St, Sacramento, CA 95814. Déjelo vacío para una clase en línea.
session-form-location-county = No sabemos en qué condado está este lugar. Agregue el código postal (ZIP), por ejemplo 1020 K St, Sacramento, CA 95814.
session-form-capacity-hint = Cuántas personas pueden venir. Déjelo vacío si no hay límite (cursos a su propio ritmo).
session-form-save = Agregar la sesión
session-form-taken = Ese código de sesión ya existe. Elija otro.
review-queue-title = Cursos para revisar
review-queue-none = Ningún curso espera revisión.
review-notice-approved = El curso está aprobado y publicado en el catálogo.
review-notice-sent-back = El curso fue devuelto al proveedor con sus comentarios.
review-notice-retired = El curso fue retirado del catálogo.
review-back = Volver a los cursos para revisar
review-approve = Aprobar y publicar
review-comment = ¿Qué debe cambiar el proveedor?
review-comment-hint = El proveedor verá esto con el curso.
review-send-back = Devolver para cambios
review-retire = Retirar del catálogo
review-comment-required = Diga qué debe cambiar el proveedor antes de devolver el curso.

## A vendor calls a session off, or changes it
registration-refused-session-cancelled = La escuela canceló esta clase. Elija otra fecha en la página del curso.
registration-status-called-off = Cancelada por la escuela
classes-called-off-reason = La razón de la escuela: { $reason }
msg-session-called-off-subject = Clase cancelada: { $course }
msg-session-called-off-body = Lo sentimos: la escuela canceló { $course } ({ $number }, { $starts }). La razón de la escuela: { $reason } Su lugar ya no existe y no tiene que hacer nada. El archivo de calendario adjunto lo quita de su calendario. Puede haber otras fechas en la página del curso.
msg-session-changed-subject = Su clase cambió: { $course }
msg-session-changed-body = La escuela cambió su clase { $course } ({ $number }). Ahora empieza { $starts }, en { $place }. El archivo de calendario adjunto actualiza su calendario. Si el nuevo horario no le sirve, cancele su lugar en Pathways para que otra persona lo pueda tomar.
session-cancel-heading = Cancelar esta sesión
session-cancel-lead = Todas las personas inscritas o en la lista de espera pierden su lugar y reciben un mensaje en su idioma con su razón. No se puede deshacer: para enseñar en otra fecha, agregue una sesión nueva.
session-cancel-reason = ¿Por qué se cancela la sesión?
session-cancel-reason-hint = Las personas leen esto en el mensaje. Por ejemplo: La maestra está enferma. Por favor elija otra fecha.
session-cancel-button = { $count ->
    [0] Cancelar la sesión
    [one] Cancelar la sesión y avisar a 1 persona
   *[other] Cancelar la sesión y avisar a { $count } personas
}
session-cancel-reason-required = Escriba por qué se cancela la sesión (hasta 500 caracteres). Las personas lo leen en el mensaje.
session-cancel-started = Esta sesión ya empezó o terminó, así que no se puede cancelar.
session-cancelled-notice = La sesión está cancelada. Estamos avisando a todas las personas que tenían un lugar o estaban esperando.
session-cancelled-on = Esta sesión se canceló el { $date }. La razón dada: { $reason }
session-cancel-busy = Hay personas inscribiéndose en esta sesión ahora mismo. Por favor intente otra vez.

## What a field of the vendor's course and session forms must hold
field-invalid-course-number = Escriba un número de curso con letras, números y guiones, hasta 20, como CCC-GHS-101.
field-invalid-pathway = Elija la ruta de la lista.
field-invalid-title = Escriba un título de hasta 200 caracteres.
field-invalid-credit-hours = Escriba las horas como un número mayor que 0 y hasta 40, en medias horas, como 1.5.
field-invalid-modality = Elija de la lista cómo se enseña el curso.
field-invalid-languages = Escriba los idiomas como códigos separados por comas, como en, es, zh-Hant.
field-invalid-registration-url = Escriba una dirección web que empiece con https://, o déjelo vacío.
field-invalid-description = Escriba una descripción de hasta 4,000 caracteres.
field-invalid-session-id = Escriba un identificador de sesión con letras, números, guiones, puntos o guiones bajos, hasta 40.
field-invalid-starts-at = Escriba el inicio como fecha y hora, como 2026-03-16 09:00.
field-invalid-ends-at = Escriba el final como fecha y hora que no sea antes del inicio.
field-invalid-location = Escriba el lugar en hasta 300 caracteres, o déjelo vacío para una sesión en línea.
field-invalid-capacity = Escriba los lugares como un número entero de 0 a 10,000, o déjelo vacío si no hay límite.
## Carreras en el cuidado de la salud

nav-careers = Carreras
nav-careers-admin = Páginas de carreras
home-careers-heading = Avance en su carrera
home-careers-text = Las clases de Trayectorias Profesionales pueden ser un primer paso hacia otros trabajos en el cuidado de la salud. Vea lo que pide cada trabajo y qué clases le ayudan a llegar.
home-careers-link = Ver carreras en el cuidado de la salud
catalog-careers-link = Vea a qué carreras en el cuidado de la salud pueden llevar estas clases
careers-title = Carreras en el cuidado de la salud
careers-lead = Trabajos en el cuidado de la salud a los que usted puede llegar. Vea lo que pide cada uno, cuánto dura la capacitación y cuáles de nuestras trayectorias le ayudan a empezar.
careers-step-note = Nuestras clases son un paso hacia estas carreras. No le dan una licencia ni un certificado del estado. Para eso necesita la capacitación y los exámenes que se describen en la página de cada carrera.
career-step-note = Nuestras clases son un paso hacia esta carrera. No le dan una licencia ni un certificado del estado. Para eso necesita la capacitación y los exámenes que se describen arriba.
careers-fallback-some = Algunas carreras todavía no están escritas en su idioma. Se muestran en inglés.
careers-in-english = Se muestra en inglés.
careers-none = Todavía no hay páginas de carreras.
careers-catalog-link = Buscar un curso
career-pathways-label = Trayectorias:
career-back = Todas las carreras en el cuidado de la salud
career-fallback = Esta página todavía no está escrita en su idioma, por eso se muestra en inglés.
career-requirements-heading = Lo que necesita
career-training-time-heading = Cuánto dura la capacitación
career-learn-more = Más información en otro sitio web
career-pathways-heading = Trayectorias que le ayudan a llegar
career-pathways-text = Estas clases gratuitas de Trayectorias Profesionales le dan habilidades para esta carrera.
career-pathway-no-courses = Por ahora no hay clases de esta trayectoria en el catálogo.
career-pathway-catalog-link = { $count ->
    [0] Buscar clases de { $pathway }
    [one] Ver la única clase de { $pathway }
   *[other] Ver las { $count } clases de { $pathway }
}
careers-admin-title = Páginas de carreras
careers-admin-lead = Escriba las páginas públicas sobre carreras en el cuidado de la salud. Las páginas ocultas solo se ven aquí.
careers-admin-new = Agregar una carrera
careers-admin-status = Estado
careers-admin-languages = Escrita en
careers-admin-actions = Acciones
careers-admin-back = Todas las páginas de carreras
careers-status-published = Visible para el público
careers-status-hidden = Oculta
careers-show = Mostrar
careers-hide = Ocultar
careers-edit = Cambiar
careers-view = Ver
careers-notice-created = Se agregó la página de la carrera.
careers-notice-updated = Se guardaron sus cambios.
careers-notice-shown = Ahora el público puede ver la página de la carrera.
careers-notice-hidden = La página de la carrera ahora está oculta.
career-form-new-title = Agregar una carrera
career-form-edit-title = Cambiar una carrera
career-form-save = Guardar
career-form-english-hint = El inglés es obligatorio. Una página en otro idioma muestra el texto en inglés cuando ese idioma está vacío.
career-form-translation-hint = Opcional. Llene todas las casillas, o déjelas todas vacías para mostrar el texto en inglés.
career-field-slug = Nombre en la dirección web
career-field-slug-hint = Letras minúsculas, números y guiones, por ejemplo certified-nursing-assistant. No se puede cambiar después.
career-field-order = Orden
career-field-order-hint = Un número del 0 al 999. Los números más pequeños aparecen primero.
career-field-pathways = Trayectorias que llevan a esta carrera
career-field-pathways-hint = Elija una o más.
career-field-published = Mostrar esta página al público
career-field-published-hint = Deje esta casilla sin marcar para mantener la página oculta mientras la escribe.
career-field-name = Nombre
career-field-summary = Resumen
career-field-summary-hint = Una o dos oraciones cortas sobre el trabajo.
career-field-requirements = Lo que necesita
career-field-requirements-hint = Capacitación, exámenes y licencias. Cada línea es un párrafo.
career-field-training-time = Cuánto dura la capacitación
career-field-training-time-hint = Por ejemplo: De 12 a 18 meses, más o menos.
career-field-learn-more-url = Página web con más información (opcional)
career-field-learn-more-url-hint = Una dirección que empieza con https://, por ejemplo la página de la junta estatal.
career-error-slug-missing = Escriba el nombre en la dirección web
career-error-slug-format = El nombre en la dirección web debe tener de 3 a 60 letras minúsculas, números y guiones sencillos, y empezar con una letra
career-error-slug-taken = Otra carrera ya usa este nombre en la dirección web
career-error-order = Escriba el orden como un número entero del 0 al 999
career-error-pathways-missing = Elija por lo menos una trayectoria
career-error-pathways-unknown = Elija trayectorias de la lista
career-error-name-missing = Escriba el nombre de la carrera en inglés
career-error-summary-missing = Escriba un resumen en inglés
career-error-requirements-missing = Escriba en inglés lo que pide la carrera
career-error-training-time-missing = Escriba en inglés cuánto dura la capacitación
career-error-too-long = { $field } ({ $language }) debe tener { $max } caracteres o menos
career-error-url-https = La página web ({ $language }) debe empezar con https://
career-error-url-bad = Escriba la página web ({ $language }) como una dirección completa, por ejemplo https://www.cdph.ca.gov/
career-error-translation-incomplete = { $field } ({ $language }): llene esta casilla, o deje vacías todas las casillas de { $language } para mostrar el texto en inglés

## El avance de un proveedor hacia los incentivos (las claves empiezan con progress-)

progress-nav = Mi avance
progress-link = Ver el avance hacia los incentivos
progress-back-provider = Volver al proveedor
progress-title = Mi avance
progress-title-staff = Avance de { $name }
progress-caption = Sus clases y sus incentivos
progress-caption-staff = Proveedor { $number }
progress-intro = Termine { $hours } horas de clases en un programa para ganar dinero. Esta página muestra sus horas al { $date }.
progress-earned-heading = Dinero que ya ganó
progress-earned-none = Todavía no ha ganado un incentivo.
progress-earned-title = { $amount } por { $what }
progress-earned-on = Lo ganó el { $date }
progress-claimed = Ya lo pidió
progress-not-claimed = Todavía no lo pidió
progress-why = Por qué lo ganó:
progress-policy = Reglas del programa: versión { $version }
progress-staff-explanation = Explicación completa para el personal (en inglés)
progress-kind-pathway = terminar { $pathway }
progress-kind-specialized-1-month = un mes de cuidado especializado
progress-kind-specialized-6-months = seis meses de cuidado especializado
progress-why-pathway = Terminó { $hours } horas en { $pathway }. Necesitaba { $goal }.
progress-why-course = { $course }: { $hours } horas, terminado el { $date }
progress-why-specialized =
    { $count ->
        [one] Trabajó al menos { $goal } horas en un mes para una persona que necesita este tipo de cuidado.
       *[other] Trabajó al menos { $goal } horas cada mes, { $count } meses seguidos, para una persona que necesita este tipo de cuidado.
    }
progress-reach-heading = Dinero que todavía puede ganar
progress-reach-none = Por ahora no hay más para ganar.
progress-max-reached =
    { $count ->
        [one] Ya ganó el máximo de pagos por programa: 1.
       *[other] Ya ganó el máximo de pagos por programa: { $count }.
    }
progress-reach-pathway = Le faltan { $hours } horas en { $pathway } ({ $amount })
progress-reach-specialized-first = { $amount } por { $what }: primero termine un programa especializado (Deterioro Cognitivo, Cuidado Físico Complejo o Regreso al Hogar).
progress-reach-specialized-months =
    { $needed ->
        [one] { $amount } por { $what }: trabaje { $hours } horas en un mes para una persona que necesita este tipo de cuidado.
       *[other] { $amount } por { $what }: trabaje { $hours } horas cada mes, { $needed } meses seguidos. Lleva { $count } hasta ahora.
    }
progress-hours-heading = Sus horas en cada programa
progress-hours-hint = Las horas cuentan cuando termina un curso.
progress-of-goal = { $hours } de { $goal } horas
progress-pathway-done = Terminado el { $date }
progress-to-go = Le faltan { $hours } horas en { $pathway }
progress-awaiting = { $hours } horas más contarán cuando termine el curso.
progress-not-eligible = Tenía suficientes horas el { $date }, pero su inscripción no estaba activa ese día.
progress-courses-heading = Sus cursos:
progress-course-done = { $course }: { $hours } horas, terminado el { $date }
progress-course-done-capped = { $course }: { $hours } horas (lo máximo que da este curso), terminado el { $date }
progress-course-going = { $course }: sin terminar ({ $hours } horas hasta ahora)
progress-classes-heading = Clases que le pueden ayudar
progress-classes-none = Ahora no hay clases con lugares libres.
progress-class-completes = Termina este programa
progress-classes-more = Todos los cursos de { $pathway }
progress-seats-left =
    { $count ->
        [one] Queda 1 lugar
       *[other] Quedan { $shown } lugares
    }
progress-seats-open = Hay lugares
progress-months-heading = Sus meses de cuidado especializado
progress-months-hint = Horas de trabajo para personas que necesitan el cuidado que usted estudió.
progress-month-counts = { $month }: { $hours } de { $goal } horas. Este mes cuenta.
progress-month-not-counted = { $month }: { $hours } de { $goal } horas. Este mes no cuenta.
progress-held-heading = Registros de clases que no cuentan
progress-held-hint = Pida a la escuela que dio la clase que los corrija.
progress-held-hours = { $hours } horas

## Outreach list

nav-outreach = Incentivos sin reclamar
outreach-title = Incentivos ganados y no reclamados
outreach-lead = Proveedores que califican para un incentivo y todavía no lo han reclamado. Comuníquese con ellos para que reciban lo que ganaron.
outreach-county-label = Condado
outreach-all-counties = Todos los condados
outreach-show = Mostrar
outreach-scope-state = Todo el estado.
outreach-scope-county = Condado de { $county }.
outreach-computed = Evaluado al { $date }, a las { $at }.
outreach-totals = { $count } incentivos sin reclamar de { $providers } proveedores, { $total } en total.
outreach-download = Descargar la lista (CSV)
outreach-refresh = Evaluar de nuevo ahora
outreach-none = Aquí ningún proveedor tiene un incentivo sin reclamar.
outreach-col-provider = Proveedor
outreach-col-county = Condado
outreach-col-contact = Cómo comunicarse
outreach-col-incentive = Incentivo
outreach-col-qualified = Calificó el
outreach-col-amount = Monto
outreach-language = Idioma:
outreach-pages = Páginas de la lista
outreach-page = Página { $page } de { $pages }
outreach-previous = Página anterior
outreach-next = Página siguiente
outreach-kind-pathway = Incentivo por trayectoria
outreach-kind-specialized-1-month = Cuidado especializado, un mes
outreach-kind-specialized-6-months = Cuidado especializado, seis meses

## Training-pay claims

nav-claims = Mis reclamos de pago
claims-title = Mis cursos terminados y reclamos de pago
claims-lead = Se le paga el salario de su condado por las horas de cada curso que terminó. Elija a la persona que cuida bajo cuyo caso se hace el reclamo y luego presione "Reclamar mi pago".
claims-completed-heading = Cursos terminados
claims-no-completions = Todavía no tiene cursos terminados. Cuando un proveedor de capacitación informe que terminó un curso, aparecerá aquí.
claims-no-cases = No tenemos registrada a ninguna persona que usted cuide, así que todavía no puede reclamar. Llame a la mesa de ayuda.
claims-made-heading = Mis reclamos
claims-none = Todavía no ha hecho ningún reclamo.
claim-course = Número del curso
claim-completed-on = Terminado el
claim-verified-hours = Horas asistidas
claim-hours = { $hours } horas
claim-status = Estado
claim-case = Reclamar bajo el caso de
claim-case-hint = El condado de esta persona determina su salario.
claim-case-label = Caso { $case } (condado de { $county })
claim-submit = Reclamar mi pago
claim-hours-claimed = Horas reclamadas
claim-amount = Monto
claim-working = Cómo se calculó este monto (en inglés)
claim-notice-submitted = Su reclamo fue enviado: { $amount }. El personal lo revisará.
claim-error-case = Elija a la persona que cuida bajo cuyo caso se hace el reclamo
claim-state-submitted = Enviado, en espera de revisión
claim-state-approved = Aprobado
claim-state-denied = Negado
claim-state-paid = Pagado
claim-state-rejected = Devuelto por nómina
claim-refused-verified-attendance = No podemos pagar este reclamo: no hay un registro verificado de que usted terminó este curso ese día.
claim-refused-not-claimed-before = No podemos pagar este reclamo: usted ya reclamó este curso.
claim-refused-claim-window = No podemos pagar este reclamo: terminó el plazo para reclamar el pago de esta capacitación.
claim-refused-provider-eligible = No podemos pagar este reclamo: usted no era elegible para el programa el día de la capacitación.
claim-refused-active-assignment = No podemos pagar este reclamo: usted no trabajaba para esta persona el día de la capacitación. Elija a otra persona que cuide.
claim-refused-hours-verified = No podemos pagar este reclamo: pide más horas de las que asistió.
claim-refused-wage-rate = Todavía no podemos pagar este reclamo: el condado de esta persona no tiene un salario para ese día. Llame a la mesa de ayuda.

## Claim review and payroll

nav-review-claims = Reclamos por revisar
nav-payroll = Nómina
claim-review-title = Reclamos en espera de revisión
claim-review-lead = Al aprobar un reclamo, se revisa otra vez con todas las reglas y los registros de hoy. Niegue un reclamo solo con el motivo que leerá el proveedor.
claim-review-lead-read-only = Los reclamos de su condado que esperan la revisión del personal del programa.
claim-review-totals = { $count } reclamos en espera, { $total } en total.
claim-review-approve-all-hint = Aprueba cada reclamo en espera que cumple todas las reglas hoy. Los que no las cumplen quedan aquí con la regla que no cumplen.
claim-review-approve-all = Aprobar cada reclamo que cumple todas las reglas
claim-review-none = No hay reclamos en espera de revisión.
claim-review-claim-heading = Reclamo { $claim }
claim-review-case = Hecho bajo
claim-review-approve = Aprobar el reclamo { $claim }
claim-review-deny-reason = Motivo para negar
claim-review-deny-note = Nota para el proveedor
claim-review-deny-note-hint = Necesaria cuando el motivo es "Otro motivo". El proveedor la lee tal como usted la escribe.
claim-review-deny = Negar el reclamo { $claim }
claim-review-rule-verified-attendance = No hay finalización verificada del curso ese día
claim-review-rule-not-claimed-before = Ya se reclamó
claim-review-rule-claim-window = Presentado fuera del plazo
claim-review-rule-provider-eligible = El proveedor no era elegible ese día
claim-review-rule-active-assignment = No había asignación activa con este beneficiario ese día
claim-review-rule-hours-verified = Más horas que las verificadas
claim-review-rule-wage-rate = El condado no tenía tarifa salarial ese día
claim-review-rule-other = Otro motivo (escriba una nota)
claim-review-notice-approved-all = { $approved } reclamos aprobados. { $left } reclamos no cumplen todas las reglas y siguen en espera.
claim-review-notice-approved = Reclamo { $claim } aprobado.
claim-review-notice-denied = Reclamo { $claim } negado. El proveedor verá el motivo.
claim-review-notice-refused = El reclamo { $claim } no se aprobó: { $reason }
claim-review-notice-decided = El reclamo { $claim } ya tenía una decisión.
claim-review-notice-note-needed = Para negar por otro motivo, escriba una nota para el proveedor.
payroll-title = Nómina
payroll-lead = Ponga los reclamos aprobados en un lote de nómina, descargue su archivo para el sistema de nómina del estado y luego ingrese el archivo de confirmación que envía nómina.
payroll-new-heading = Nuevo lote de nómina
payroll-period = Período de pago
payroll-period-hint = El lote toma cada reclamo aprobado que aún no está en un lote.
payroll-create = Crear el lote
payroll-batches-heading = Lotes de nómina
payroll-no-batches = Todavía no hay lotes de nómina.
payroll-col-batch = Lote
payroll-col-payments = Pagos
payroll-col-total = Total
payroll-col-created = Creado
payroll-col-exported = Archivo escrito por primera vez
payroll-col-file = Archivo
payroll-download = Descargar el lote { $batch }
payroll-not-exported = Todavía no
payroll-notice-batch = Se creó el lote { $batch }. Descargue su archivo para nómina.
payroll-notice-nothing = Ningún reclamo aprobado espera pago.
payroll-notice-confirmed = { $paid } pagos marcados como pagados y { $rejected } devueltos.
payroll-confirm-heading = Archivo de confirmación de nómina
payroll-problems-title = No se usó el archivo de confirmación. No se cambió nada.
payroll-confirm-label = Pegue el archivo de confirmación
payroll-confirm-hint = La primera línea es payment_id,status,reason. El estado es paid o rejected; un pago rechazado necesita su motivo.
payroll-confirm = Ingresar la confirmación
payroll-problems-more = Y { $count } problemas más.
payroll-problem-malformed = Línea { $line }: { $what }
payroll-problem-repeated = Línea { $line }: el pago { $payment } está dos veces en el archivo.
payroll-problem-unknown = Línea { $line }: no existe el pago { $payment }.
payroll-problem-not-exported = Línea { $line }: el pago { $payment } está en un lote cuyo archivo nunca se escribió.
payroll-problem-confirmed = Línea { $line }: el pago { $payment } ya se confirmó como { $status }.
payroll-status-paid = pagado
payroll-status-rejected = devuelto
claims-history-heading = Mis pagos
claims-no-payments = Todavía no se le ha hecho ningún pago.
claims-year-total = { $year }: { $total } pagado ({ $count } pagos)
claims-download = Descargar mis reclamos y pagos (CSV)
claim-detail = Detalles
claim-denied-note = El personal negó este reclamo: { $note }
claim-returned = Nómina devolvió este pago: { $reason }. Llame a la mesa de ayuda para corregirlo.
claim-paid-in = Pagado con el período de pago del { $date }.
claim-in-payroll = En la nómina del { $date }. Se pagará pronto.
claim-approved-waiting = Aprobado. Se pagará con la próxima nómina.
claim-notice-resent = Su reclamo se envió otra vez. El personal lo revisará.
claim-resubmit-hint = Cuando se corrija lo que indicó nómina (por ejemplo, sus datos bancarios), envíe el reclamo otra vez.
claim-resubmit = Enviar este reclamo otra vez

## Certificates

certificate-program = Programa IHSS Career Pathways
certificate-title = Certificado de finalización
certificate-presented = Se certifica que
certificate-completed = completó el curso
certificate-pathway = en la ruta { $pathway }
certificate-hours = { $hours } horas de capacitación, terminado el { $date }
certificate-vendor = Impartido por { $vendor }
certificate-number = Certificado número { $number }
certificate-check-at = Cualquier persona puede comprobar que este certificado es auténtico en { $address }
certificate-unavailable = No se pueden hacer certificados en este momento. Inténtelo más tarde o llame a la mesa de ayuda.
certificate-download = Descargar mi certificado (PDF)
certificate-check-title = Comprobar un certificado
certificate-check-lead = Escriba el número impreso en un certificado de finalización para saber si es auténtico.
certificate-check-label = Número de certificado
certificate-check-hint = Empieza con PW-, por ejemplo PW-7K3M9QX2HT4R.
certificate-check-submit = Comprobar
certificate-check-genuine = Este certificado es auténtico.
certificate-check-unknown = No tenemos ningún certificado con este número. Revise que lo escribió tal como está impreso.
certificate-check-name = Nombre
certificate-check-course = Curso
certificate-check-pathway = Ruta
certificate-check-hours = Horas de capacitación
certificate-check-vendor = Impartido por

## Incentive claims (DOMAIN.md §6, §7)
claims-incentives-heading = Incentivos que ganó
claims-incentives-lead = Puede reclamar cada incentivo una sola vez. El personal lo revisa y lo envía a la nómina.
claims-no-incentives = Todavía no ha ganado un incentivo.
claims-see-progress = Vea cuánto le falta
claims-incentive-why = Por qué lo ganó
claim-earned-on = Ganado el
claim-incentive-submit = Reclamar este incentivo
claim-notice-incentive = Se envió su reclamo de incentivo por { $amount }. El personal lo revisará.
claim-notice-incentive-before = Usted ya reclamó este incentivo.
claim-error-not-earned = Sus registros no muestran que ganó este incentivo. Vea su página de progreso para saber qué le falta.
claim-refused-not-earned = Sus registros ya no muestran que ganó este incentivo. Llame a la línea de ayuda si cree que es un error.
claim-review-incentives-heading = Reclamos de incentivos
claim-review-incentive-heading = Reclamo de incentivo { $claim }
claim-review-approve-incentive = Aprobar el reclamo de incentivo { $claim }
claim-review-deny-incentive = Negar el reclamo de incentivo { $claim }
claim-review-incentive = Incentivo
claim-review-incentive-why = Ver el progreso del proveedor y por qué lo ganó
claim-review-rule-not-earned = Los registros ya no muestran que lo ganó
claim-review-notice-incentive-approved = Reclamo de incentivo { $claim } aprobado.
claim-review-notice-incentive-denied = Reclamo de incentivo { $claim } negado.
claim-review-notice-incentive-refused = El reclamo de incentivo { $claim } no se aprobó: los registros del proveedor ya no muestran que lo ganó en esa fecha por esa cantidad. Niéguelo o espere a que se corrijan los registros.

## Overpayments and recoveries (DOMAIN.md §7)
payroll-total-less-recovered = { $total } (menos { $recovered } recuperado)
payroll-overpayment-heading = Pagos de más
payroll-overpayment-lead = Cuando la nómina pagó de más, regístrelo contra el pago hecho. La cantidad se descuenta del próximo pago del proveedor con una línea en el próximo lote. No se borra nada.
payroll-overpayment-payment = Número de pago
payroll-overpayment-amount = Cantidad pagada de más, en dólares
payroll-overpayment-amount-hint = Por ejemplo, 25.00. Como máximo lo que pagó el pago, menos lo que ya se recuperó.
payroll-overpayment-reason = Por qué
payroll-overpayment-reason-hint = El proveedor lo leerá: escríbalo con palabras sencillas.
payroll-overpayment-record = Registrar el pago de más
payroll-recoveries-heading = Últimos pagos de más
payroll-no-recoveries = No se ha registrado ningún pago de más.
payroll-col-recovery = Recuperación
payroll-col-overpaid = Pago que pagó de más
payroll-col-reason = Motivo
payroll-recovery-resend = Enviar otra vez la recuperación { $recovery }
payroll-notice-recovery = Se registró la recuperación { $recovery }. Irá en el próximo lote.
payroll-notice-recovery-resent = La recuperación { $recovery } irá en el próximo lote.
payroll-error-recovery-incomplete = Escriba el número de pago, una cantidad mayor de $0.00 y el motivo.
payroll-error-no-payment = No existe el pago { $payment }.
payroll-error-not-paid = La nómina no ha confirmado el pago { $payment } como pagado, así que todavía no se pagó nada de más.
payroll-error-more-than-paid = Al pago { $payment } solo le quedan { $left } que no se hayan recuperado.
recovery-state-recorded = Se descontará de su próximo pago
recovery-state-recovered = Descontado
recovery-state-returned = La nómina no pudo descontarlo
claims-recoveries-heading = Dinero descontado
claims-recoveries-lead = Una vez le pagamos de más. Esta cantidad se descuenta de un pago posterior.
claims-recovery-recorded = Registrado el
claims-recovered-in = Descontado en el período de pago del { $date }.
claims-recovery-in-payroll = Se descontará en el período de pago del { $date }.
claims-year-recovered = { $year }: { $total } descontado por dinero pagado de más

## Coaching (DOMAIN.md §9)
nav-coaching = Hablar con un asesor
coaching-title = Hablar con un asesor
coaching-lead = Un asesor puede ayudarle gratis, en persona y en su idioma: a usar el catálogo de clases, a cobrar, o a usar video, audio y chat en las clases en línea.
coaching-topic = ¿Con qué necesita ayuda?
coaching-topic-catalog = Encontrar clases en el catálogo
coaching-topic-payments = Cobrar (reclamos e incentivos)
coaching-topic-class-technology = Video, audio y chat en las clases en línea
coaching-topic-other = Otra cosa
coaching-language = Idioma
coaching-find = Ver horarios libres
coaching-times-heading = Horarios libres en las próximas dos semanas
coaching-no-times = Ningún asesor tiene un horario libre para esto en las próximas dos semanas. Pruebe otro idioma o llame a la línea de ayuda.
coaching-slot = { $time } con { $coach }
coaching-mine-heading = Mis citas
coaching-none-booked = No tiene ninguna cita.
coaching-appointment = { $when } con { $coach }: { $topic }
coaching-notice-booked = Su cita está reservada.
coaching-refused-in-the-future = Ese horario es demasiado pronto. Elija uno más tarde.
coaching-refused-coach-fits = Ese asesor no ayuda con este tema en este idioma. Elija otro horario.
coaching-refused-slot-open = Alguien acaba de tomar ese horario. Elija otro.
coaching-refused-within-limit = Ya tiene el máximo de citas que puede reservar. Asista a ellas primero o cancele una.
msg-coaching-booked-subject = Su cita con un asesor: { $when }
msg-coaching-booked-body = Tiene una cita con { $coach } el { $when } (hora de California) sobre: { $topic }. { $call } Para cambiarla, vaya a "Hablar con un asesor" en el sitio de Pathways.
msg-coaching-reminder-subject = Mañana: su cita con un asesor a las { $when }
msg-coaching-reminder-body = Le recordamos: tiene una cita con { $coach } el { $when } (hora de California) sobre: { $topic }. { $call }
msg-coaching-call = Su asesor le llamará al { $phone }.
msg-coaching-video = Su asesor le enviará por correo un enlace de video antes de la cita.
msg-coaching-event = Asesoría con { $coach }

## Help page (DOMAIN.md §9)
footer-help-link = Preguntas y respuestas, y todas las formas de pedir ayuda
help-title = Ayuda
help-lead = Estamos para ayudarle. Puede llamar, escribir o hablar con un asesor en su idioma. Es gratis.
help-reach-heading = Llámenos o escríbanos
help-hours = Contestamos llamadas de lunes a viernes, de 8:00 a 17:00, hora de California. A otras horas puede dejar un mensaje.
help-find-course = Buscar un curso
help-coach-sign-in = Los proveedores que iniciaron sesión pueden reservar una charla gratis con un asesor en su idioma: inicie sesión y elija "Hablar con un asesor".
help-faq-heading = Preguntas frecuentes
help-q-cost = ¿Tengo que pagar las clases?
help-a-cost = No. Las clases son gratis. Nunca paga por participar.
help-q-find-class = ¿Cómo encuentro una clase?
help-a-find-class = Vaya a "Buscar un curso". Puede buscar por tema, por idioma, o clases cerca de usted o en línea.
help-q-sign-up = ¿Cómo me inscribo en una clase?
help-a-sign-up = Abra la clase y elija una fecha. En algunas clases se inscribe con la escuela que la enseña. Si tiene una pregunta sobre una clase, comuníquese con esa escuela. Su teléfono y correo están en la página de la clase.
help-q-hours = ¿Dónde veo mis horas?
help-a-hours = Inicie sesión y elija "Mi avance". Ahí ve sus horas en cada trayectoria y lo que le falta.
help-q-paid-training = ¿Me pagan por el tiempo en clase?
help-a-paid-training = Sí. Cuando termine una clase y se verifique, abra "Mis reclamos de pago" y oprima "Reclamar mi pago". Le pagamos el salario por hora de su condado por las horas de la clase.
help-q-incentive = ¿Qué es un incentivo?
help-a-incentive = Es dinero adicional por terminar una trayectoria o por cuidar a personas con necesidades especiales. "Mis reclamos de pago" muestra cada uno que ganó. Oprima "Reclamar este incentivo" una sola vez.
help-q-denied = ¿Por qué negaron mi reclamo?
help-a-denied = "Mis reclamos de pago" le dice por qué. Si cree que es un error, llámenos o hable con un asesor.
help-q-language = ¿Me pueden ayudar en mi idioma?
help-a-language = Sí. El sitio está en inglés, español y chino. Los asesores y nuestra línea telefónica pueden ayudar en más idiomas.

## Asking for help in writing (DOMAIN.md §9)
ask-title = Hacer una pregunta
ask-lead = Escriba su pregunta. La enviamos a quienes pueden contestarla, y le contestan en su idioma.
ask-category = ¿De qué se trata?
ask-category-course-registration = Inscribirme en un curso
ask-category-payments-and-claims = Pagos y reclamos
ask-category-other = Otra cosa
ask-course = Número del curso
ask-course-hint = Solo para una pregunta sobre un curso: está en la página del curso, por ejemplo GHS-101.
ask-subject = Asunto
ask-body = Su pregunta
ask-name = Su nombre
ask-contact = Teléfono o correo electrónico
ask-contact-hint = Para poder contestarle. No ha iniciado sesión.
ask-send = Enviar mi pregunta
ask-sent-vendor = La pregunta { $ticket } se envió a la escuela que enseña el curso. Le contestarán.
ask-sent-service-desk = La pregunta { $ticket } se envió a nuestra oficina de pagos. Le contestarán.
ask-sent-program-inbox = La pregunta { $ticket } se envió al equipo del programa. Le contestarán.
ask-error-course = Escriba el número del curso que aparece en su página, por ejemplo GHS-101.
ask-error-empty = Escriba un asunto y su pregunta.
ask-error-contact = Escriba un teléfono o un correo electrónico para poder contestarle.
desk-title = Preguntas por contestar
desk-none = No hay preguntas esperando.
desk-ticket = Pregunta { $ticket }
desk-opened = Enviada
desk-from = De
desk-from-provider = Proveedor { $provider }
nav-desk = Preguntas por contestar
